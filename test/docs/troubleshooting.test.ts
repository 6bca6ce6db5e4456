// The README's Troubleshooting section quotes what the tool prints: each case is run here through
// the built CLI against the stand-in, and the quoted message (`…` for what differs between runs)
// must be what the run printed.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce, ROOT, runCli, type CliResult } from "../cli/built-cli.js";
import { startStandIn, type StandIn } from "../fake-cloudwatch/start-stand-in.js";
import { CLI_AWS_ENV, putEvents } from "../pipeline/cloud-fixture.js";
import { at, logCopies } from "../pipeline/scene.js";
import { tempDir } from "../support/temp-dir.js";

beforeAll(buildOnce, 120_000);

const NOW = at(15);

/** `**Title.**` followed by a fenced block, in the Troubleshooting section: title → quoted message. */
function quotes(): Map<string, string> {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.split("\n## Troubleshooting\n")[1]!.split("\n## ")[0]!;
  return new Map([...section.matchAll(/\*\*(.+?)\.\*\*\n```\n(.+)\n```/g)].map((m) => [m[1]!, m[2]!]));
}

/** The quote as a pattern for one whole line: `…` matches anything on the line. */
function linePattern(quote: string): RegExp {
  const parts = quote.split("…").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("[^\\n]*?")}$`, "m");
}

interface Case {
  readonly standIn: StandIn;
  readonly dir: string;
  readonly statePath: string;
  run(env?: Readonly<Record<string, string | undefined>>): Promise<CliResult>;
}

async function withCase(logGroup: string, body: (c: Case) => Promise<void>): Promise<void> {
  const standIn = await startStandIn({ now: () => Date.parse(NOW), runningPolls: 0 });
  try {
    await putEvents(standIn.endpoint, logCopies([0]));
    const dir = tempDir("mm-trouble-");
    const statePath = join(dir, "state", "prod.json");
    const config = join(dir, "prod.yaml");
    writeFileSync(
      config,
      `aws: { region: us-east-1 }\nsource: { type: cloudwatch-logs, logGroups: [${logGroup}] }\nsink: { type: cloudwatch, namespace: Mail/Postfix }\nstate: { path: ${statePath} }\nqueries:\n  - builtin: postfix-smtp-status\n`,
    );
    const run = (env: Readonly<Record<string, string | undefined>> = CLI_AWS_ENV) =>
      runCli(["run", "--config", config, "--endpoint-url", standIn.endpoint, "--now", NOW], { env });
    await body({ standIn, dir, statePath, run });
  } finally {
    await standIn.close();
  }
}

const CASES: Record<string, { group?: string; act: (c: Case) => Promise<CliResult>; code: number; stream: "stdout" | "stderr" }> = {
  "No credentials": {
    act: (c) => {
      const none = join(c.dir, "none");
      const env = {
        HOME: c.dir,
        AWS_CONFIG_FILE: none,
        AWS_SHARED_CREDENTIALS_FILE: none,
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_REGION: "us-east-1",
      };
      return c.run({
        ...env,
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
      });
    },
    code: 1,
    stream: "stderr",
  },
  AccessDenied: {
    act: (c) => {
      c.standIn.faults.next("StartQuery", { kind: "access-denied" });
      return c.run();
    },
    code: 1,
    stream: "stderr",
  },
  ResourceNotFoundException: { group: "/mail/postfx", act: (c) => c.run(), code: 1, stream: "stderr" },
  Throttling: {
    act: (c) => {
      c.standIn.faults.next("StartQuery", { kind: "throttle" }, { times: 5 });
      return c.run();
    },
    code: 1,
    stream: "stderr",
  },
  "A lock held": {
    act: (c) => {
      mkdirSync(join(c.dir, "state"), { recursive: true, mode: 0o700 });
      // Held by a live process (this one) for a minute: a run at work, not a stuck one.
      writeFileSync(
        `${c.statePath}.lock`,
        JSON.stringify({ pid: process.pid, host: hostname(), startTicks: null, since: new Date(Date.now() - 60_000).toISOString() }),
      );
      return c.run();
    },
    code: 0,
    stream: "stdout",
  },
  "A stuck run": {
    act: (c) => {
      mkdirSync(join(c.dir, "state"), { recursive: true, mode: 0o700 });
      writeFileSync(
        `${c.statePath}.lock`,
        JSON.stringify({ pid: process.pid, host: hostname(), startTicks: null, since: new Date(Date.now() - 2 * 3_600_000).toISOString() }),
      );
      return c.run();
    },
    code: 1,
    stream: "stderr",
  },
  "A damaged state": {
    act: (c) => {
      mkdirSync(join(c.dir, "state"), { recursive: true, mode: 0o700 });
      writeFileSync(c.statePath, '{"version": 1, "series": {', { mode: 0o600 });
      return c.run();
    },
    code: 1,
    stream: "stderr",
  },
};

describe.concurrent("README, Troubleshooting", { timeout: 120_000 }, () => {
  it("quotes exactly the cases run here", () => {
    expect([...quotes().keys()]).toEqual(Object.keys(CASES));
  });

  it.each(Object.entries(CASES))("%s: the quoted message is the one the run prints", (title, scenario) =>
    withCase(scenario.group ?? "/mail/postfix", async (c) => {
      const result = await scenario.act(c);
      expect(result.code, result.stderr).toBe(scenario.code);
      expect(result[scenario.stream]).toMatch(linePattern(quotes().get(title)!));
    }),
  );
});
