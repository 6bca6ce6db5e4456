// A series begins once (issue 11): whatever a new series' first run meets, the windows it was for
// are published by the next run. Through the built CLI and the stand-in, one test per failure kind:
// a query that ends Failed, Cancelled or Timeout, StartQuery answered 5xx or throttled out, no
// credentials, the process killed during StartQuery, polling or PutMetricData, stdout closed by
// its reader; and the same for a query added to a running config, and for a backfill killed before
// it reached a query. No schedule.startAt: a first run publishes only the newest due window.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOnce, childEnv, CLI, ROOT, runCli } from "../cli/built-cli.js";
import { ndjson } from "../cli/fixtures.js";
import { tempDir } from "../support/temp-dir.js";
import { audit, exact, ledgerPuts } from "./audit.js";
import { cloudSlots, putEvents, type CloudSetup } from "./cloud-fixture.js";
import { DELIVERY, expectedFor, SMTP } from "./peer-model.js";
import { nextRequest } from "./request-hook.js";
import { at, copiesCounts, logCopies, ms, span, zeroFillOf } from "./scene.js";
import { untimed } from "./log-lines.js";

const inCloud = cloudSlots();
beforeAll(buildOnce, 120_000);

/** The log at 12:00-12:20; the first run (12:15) is for [12:05, 12:10), the next (12:25) for [12:10, 12:20). */
const COPIES = [0, 10];
const expectedSmtp = (from: number, to: number) => expectedFor(copiesCounts([SMTP], COPIES), zeroFillOf([SMTP]), [span(from, to)]);
const NEXT_RUN = `${SMTP} owes the windows from 2026-11-29T12:05:00Z on: the next run tries them again`;

/** The first run meets `fault` (and is checked by `check`); the next run must publish from where the first one began. */
function firstRunFails(fault: (s: CloudSetup) => Promise<void> | void, check: (s: CloudSetup) => Promise<void>) {
  return inCloud({ now: ms(25), queries: [SMTP] }, async (s) => {
    await putEvents(s.standIn.endpoint, logCopies(COPIES));
    await fault(s);
    await check(s);
    const next = await s.run(["run"], at(25));
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain(`${SMTP}: published 2 windows 2026-11-29T12:10:00Z–2026-11-29T12:20:00Z`);
    expect(next.stdout).toContain(
      "also published 2026-11-29T12:05:00Z–2026-11-29T12:10:00Z, owed since an earlier run or backfill that did not finish",
    );
    expect(audit(s.standIn, expectedSmtp(5, 20))).toEqual(exact(expectedSmtp(5, 20)));
  });
}

/** Runs the first run, expecting exit 1 and a message saying what failed and that the next run publishes it. */
async function failsWith(s: CloudSetup, message: RegExp): Promise<void> {
  const first = await s.run(["run"], at(15));
  expect(first.code).toBe(1);
  expect(untimed(first.stderr)).toMatch(message);
  expect(first.stderr).toContain(`; ${NEXT_RUN}\n`);
  expect(ledgerPuts(s.standIn)).toHaveLength(0);
}

/** Starts the first run and SIGKILLs it when the stand-in receives `operation` (answered, or dropped unanswered). */
async function killedAt(
  s: CloudSetup,
  operation: "StartQuery" | "GetQueryResults" | "PutMetricData",
  fate: "landed" | "lost",
): Promise<void> {
  const child = s.spawn(["run"], at(15));
  await nextRequest(s.standIn, operation, () => {
    if (fate === "lost") s.standIn.faults.next(operation, { kind: "drop" });
    child.kill("SIGKILL");
  });
  expect((await child.done).signal).toBe("SIGKILL");
}

describe.concurrent("a new series' first run fails; the next run publishes from where it began", { timeout: 180_000 }, () => {
  it.each(["Failed", "Cancelled", "Timeout"] as const)("its query ends %s", (end) =>
    firstRunFails(
      (s) => void s.standIn.faults.next("StartQuery", { kind: "query", end }),
      (s) =>
        failsWith(
          s,
          new RegExp(`^mail-metrics: query \\S+ \\(${SMTP}, 2026-11-29T12:05:00Z–2026-11-29T12:10:00Z\\) ended with status ${end}; `),
        ),
    ),
  );

  it("StartQuery answers 5xx (not retried)", () =>
    firstRunFails(
      (s) => void s.standIn.faults.next("StartQuery", { kind: "server-error" }),
      (s) => failsWith(s, /^mail-metrics: StartQuery failed .*ServiceUnavailableException.*not retried/),
    ));

  it("StartQuery is throttled until its retries are used up", () =>
    firstRunFails(
      (s) => void s.standIn.faults.next("StartQuery", { kind: "throttle" }, { times: 5 }),
      (s) => failsWith(s, /^mail-metrics: StartQuery failed .*ThrottlingException.*AWS throttled the calls even after retries/),
    ));

  it("there are no AWS credentials", () =>
    firstRunFails(
      () => undefined,
      async (s) => {
        const dir = tempDir("mm-nocreds-");
        const env = {
          HOME: dir,
          AWS_CONFIG_FILE: join(dir, "none"),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, "none"),
          AWS_EC2_METADATA_DISABLED: "true",
          AWS_REGION: "us-east-1",
        };
        const unset = {
          AWS_ACCESS_KEY_ID: undefined,
          AWS_SECRET_ACCESS_KEY: undefined,
          AWS_SESSION_TOKEN: undefined,
          AWS_PROFILE: undefined,
        };
        s.setNow(ms(15));
        const first = await runCli(["run", "--config", s.config, "--endpoint-url", s.standIn.endpoint, "--now", at(15)], {
          env: { ...env, ...unset },
        });
        expect(first.code).toBe(1);
        expect(first.stderr).toMatch(/no AWS credentials found/);
        expect(first.stderr).toContain(`; ${NEXT_RUN}\n`);
        expect(s.standIn.state.requestCount("StartQuery")).toBe(0);
      },
    ));

  it.each(["landed", "lost"] as const)("it is killed during StartQuery (%s)", (fate) =>
    firstRunFails(
      () => undefined,
      (s) => killedAt(s, "StartQuery", fate),
    ),
  );

  it("it is killed while polling its query", () =>
    firstRunFails(
      () => undefined,
      (s) => killedAt(s, "GetQueryResults", "landed"),
    ));

  it.each(["landed", "lost"] as const)("it is killed during PutMetricData (%s)", (fate) =>
    inCloud({ now: ms(45), queries: [SMTP] }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies(COPIES));
      await killedAt(s, "PutMetricData", fate);
      // A batch whose fate is unknown is settled 15 minutes on; the windows are all published by then.
      expect((await s.run(["run"], at(25))).code).toBe(0);
      const settled = await s.run(["run"], at(45));
      expect(settled.code, settled.stderr).toBe(0);
      expect(audit(s.standIn, expectedSmtp(5, 40))).toEqual(exact(expectedSmtp(5, 40)));
    }),
  );
});

describe.concurrent("the same for a query added to a running config, and for a backfill killed before it reached a query", {
  timeout: 180_000,
}, () => {
  it("an added query whose first run fails is published from where it began", () =>
    inCloud({ now: ms(35), queries: [SMTP] }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies([0, 10, 20]));
      expect((await s.run(["run"], at(15))).code).toBe(0);
      writeFileSync(
        s.config,
        readFileSync(s.config, "utf8").replace(`  - builtin: ${SMTP}`, `  - builtin: ${SMTP}\n  - builtin: ${DELIVERY}`),
      );
      // The run that adds it fails for both queries (the queries start at once, in no fixed order).
      s.standIn.faults.next("StartQuery", { kind: "query", end: "Failed" }, { times: 2 });
      const added = await s.run(["run"], at(25));
      expect(added.code).toBe(1);
      expect(added.stderr).toContain(`; ${DELIVERY} owes the windows from 2026-11-29T12:15:00Z on: the next run tries them again\n`);
      const next = await s.run(["run"], at(35));
      expect(next.code, next.stderr).toBe(0);
      expect(next.stdout).toContain(`${DELIVERY}: published 2 windows 2026-11-29T12:20:00Z–2026-11-29T12:30:00Z`);
      const counts = (query: string) => copiesCounts([query], [0, 10, 20]);
      const expected = new Map([
        ...expectedFor(counts(SMTP), zeroFillOf([SMTP]), [span(5, 30)]),
        ...expectedFor(counts(DELIVERY), zeroFillOf([DELIVERY]), [span(15, 30)]),
      ]);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
    }));

  it("a backfill killed before its second query: the next run publishes that query's part of the range", () =>
    inCloud({ now: ms(70) }, async (s) => {
      await putEvents(s.standIn.endpoint, logCopies([0, 30]));
      // One chunk per query with --concurrency 1: the second StartQuery is the second query's.
      const child = s.spawn(["backfill", "--from", at(0), "--to", at(60), "--concurrency", "1"], at(65));
      let started = 0;
      const watch = (): Promise<unknown> =>
        nextRequest(s.standIn, "StartQuery", () => {
          started += 1;
          if (started < 2) return void watch();
          s.standIn.faults.next("StartQuery", { kind: "drop" });
          child.kill("SIGKILL");
        });
      await watch();
      expect((await child.done).signal).toBe("SIGKILL");
      // state show names it too: owed, not published, and what publishes it.
      const show = await s.cli(["state", "show", "--now", at(70)]);
      expect(show.stdout).toContain(`${DELIVERY} (identity `);
      expect(show.stdout.slice(show.stdout.indexOf(DELIVERY))).toContain(
        "  not published: 2026-11-29T12:00:00Z–2026-11-29T13:05:00Z (13 windows); the next run publishes it\n",
      );
      const next = await s.run(["run"], at(70));
      expect(next.code, next.stderr).toBe(0);
      expect(next.stdout).toContain(`${DELIVERY}: published 1 window 2026-11-29T13:00:00Z–2026-11-29T13:05:00Z`);
      expect(next.stdout).toContain(
        "also published 2026-11-29T12:00:00Z–2026-11-29T13:00:00Z, owed since an earlier run or backfill that did not finish",
      );
      const expected = expectedFor(copiesCounts([SMTP, DELIVERY], [0, 30]), zeroFillOf([SMTP, DELIVERY]), [span(0, 65)]);
      expect(audit(s.standIn, expected)).toEqual(exact(expected));
    }));
});

describe("a stdout sink whose reader has closed the pipe during a new series' first run", () => {
  it("leaves the batch unprinted in the state; the next run prints it and goes on", async () => {
    const dir = tempDir("mm-first-stdout-");
    // The real log at 12:00-12:10, its syslog stamps made RFC 3339 ones at the copy's times.
    const lines = logCopies([0]).map((event) =>
      event.message.replace(/^\w{3} [ \d]\d \d\d:\d\d:\d\d/, new Date(event.timestamp).toISOString()),
    );
    writeFileSync(join(dir, "mail.log"), `${lines.join("\n")}\n`);
    const config = join(dir, "local.yaml");
    writeFileSync(
      config,
      [
        "source: { type: files, paths: [mail.log] }",
        "sink: { type: stdout, output: ndjson }",
        "state: { path: state.json }",
        `queries: [{ builtin: ${SMTP} }]`,
        "",
      ].join("\n"),
    );
    const first = await runWithStdoutClosed(["run", "--config", config, "--now", at(15)]);
    expect(first).toEqual({ code: 0, stderr: "" });
    const next = await runCli(["run", "--config", config, "--now", at(25)]);
    expect(next.code, next.stderr).toBe(0);
    const printed = ndjson(next.stdout) as { timestamp: string }[];
    expect([...new Set(printed.map((d) => d.timestamp))]).toEqual(["2026-11-29T12:05:00Z", "2026-11-29T12:10:00Z", "2026-11-29T12:15:00Z"]);
  });
});

/** The CLI with its stdout pipe closed by the reader before anything is written (`mail-metrics run | true`). */
function runWithStdoutClosed(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    const stderr: Buffer[] = [];
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr: Buffer.concat(stderr).toString("utf8") }));
  });
}
