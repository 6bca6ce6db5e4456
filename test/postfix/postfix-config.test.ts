import { describe, expect, it } from "vitest";
import { hostsFile, layout, mainCf, masterCf, transportMap } from "./postfix-config.js";
import { ROLES, ROUTES } from "./scenario.js";

const PORTS = Object.fromEntries(ROLES.map((role, i) => [role.name, 40_000 + i]));

describe(transportMap.name, () => {
  it("routes every test domain to the peer port of its role", () => {
    const map = new Map(
      transportMap(PORTS)
        .trim()
        .split("\n")
        .map((line) => line.split(/\s+/) as [string, string]),
    );
    for (const route of ROUTES) {
      expect(map.get(route.domain), route.domain).toContain(`[${route.relayHost ?? "127.0.0.1"}]:${PORTS[route.role]}`);
    }
    expect(map.get("gmail.test")).toBe(`smtp:[gmail-smtp-in.l.google.com]:${PORTS.mx}`);
    expect(map.get("lmtp.test")).toBe(`lmtp:inet:[127.0.0.1]:${PORTS.lmtp}`);
    expect(map.get("fallback.test")).toMatch(/^smtpfb:/);
  });
});

describe(hostsFile.name, () => {
  it("resolves every provider-like relay host name to loopback, and only those", () => {
    const names = hostsFile()
      .trim()
      .split("\n")
      .map((line) => line.split(" "));
    expect(names.every(([address]) => address === "127.0.0.1")).toBe(true);
    expect(names.map(([, name]) => name).sort()).toEqual(
      ["localhost", ...ROUTES.flatMap((route) => (route.relayHost ? [route.relayHost] : []))].sort(),
    );
  });
});

describe(masterCf.name, () => {
  it("listens on loopback only and gives smtpfb the fallback relay", () => {
    const text = masterCf(2525, PORTS);
    expect(text).toMatch(/^127\.0\.0\.1:2525 +inet .* smtpd$/m);
    expect(text).toMatch(new RegExp(`^smtpfb .* smtp -o smtp_fallback_relay=\\[127\\.0\\.0\\.1\\]:${PORTS["fb-relay"]}$`, "m"));
  });
});

describe(mainCf.name, () => {
  it("keeps queue and log in the run directory and never declares a peer dead", () => {
    const text = mainCf(layout("/tmp/run"));
    expect(text).toContain("queue_directory = /tmp/run/queue");
    expect(text).toContain("maillog_file = /tmp/run/maillog");
    expect(text).toContain("default_destination_concurrency_failed_cohort_limit = 0");
    expect(text).toContain("inet_interfaces = loopback-only");
  });
});
