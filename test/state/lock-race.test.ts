// N real processes racing for one lock — most rounds over a stale lock, whose takeover is where two
// holders used to slip through — leave exactly one holder, every round. The processes stay up across
// rounds and start each attempt at the same instant (a shared start time they spin for), so one test
// runs many rounds in a few seconds. They load the built lock module, as a cron run does.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, ROOT } from "../cli/built-cli.js";
import { tempDir } from "../support/temp-dir.js";

const PROCESSES = 8;
const ROUNDS = 60;

beforeAll(buildOnce, 120_000);

const CONTENDER = `
import { tryLock } from ${JSON.stringify(pathToFileURL(join(ROOT, "dist", "state", "lock.js")).href)};
import { createInterface } from "node:readline";
let lock = null;
const say = (line) => process.stdout.write(line + "\\n");
say("ready");
for await (const line of createInterface({ input: process.stdin })) {
  const [command, path, start] = line.split(" ");
  if (command === "go") {
    while (Date.now() < Number(start)) {} // all contenders leave the line together
    try {
      const attempt = tryLock(path);
      if (attempt.acquired) lock = attempt.lock;
      say(attempt.acquired ? "acquired" : "refused " + attempt.holder);
    } catch (error) {
      say("error " + error.message);
    }
  } else if (command === "release") {
    lock?.release();
    lock = null;
    say("released");
  }
}
`;

interface Contender {
  readonly child: ChildProcessWithoutNullStreams;
  next(): Promise<string>;
}

function startContender(): Contender {
  const child = spawn(process.execPath, ["--input-type=module", "-e", CONTENDER], { stdio: "pipe" });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // A contender that died answers with what it printed, so a failure says why.
  return { child, next: async () => (await lines.next()).value ?? `exited: ${stderr.trim()}` };
}

const contenders: Contender[] = [];
afterAll(() => contenders.forEach((c) => c.child.kill()));

describe("the lock, raced by real processes", () => {
  it(`${PROCESSES} processes, ${ROUNDS} rounds, mostly over a stale lock: exactly one holder each round, nothing left behind`, async () => {
    contenders.push(...Array.from({ length: PROCESSES }, startContender));
    for (const c of contenders) expect(await c.next()).toBe("ready");
    const dir = tempDir("mm-race-");
    const path = join(dir, "state.json.lock");
    for (let round = 0; round < ROUNDS; round += 1) {
      // Two rounds in three start from a lock whose owner ended (a pid now used by another process:
      // ours, with a start time that is not ours); the third from no lock at all.
      const stale = round % 3 !== 2;
      if (stale)
        writeFileSync(
          path,
          JSON.stringify({ pid: process.pid, host: hostname(), startTicks: "1", since: new Date(round * 1000).toISOString() }),
        );
      const start = Date.now() + 50;
      for (const c of contenders) c.child.stdin.write(`go ${path} ${start}\n`);
      const answers = await Promise.all(contenders.map((c) => c.next()));
      const holders = contenders.filter((_, i) => answers[i] === "acquired");
      const context = `round ${round} (${stale ? "stale lock" : "no lock"}): ${JSON.stringify(answers)}`;
      expect(
        answers.filter((a) => a.startsWith("error")),
        context,
      ).toEqual([]);
      expect(holders.length, context).toBe(1);
      expect(JSON.parse(readFileSync(path, "utf8")).pid, context).toBe(holders[0]!.child.pid);
      holders[0]!.child.stdin.write("release\n");
      expect(await holders[0]!.next()).toBe("released");
      expect(existsSync(path), context).toBe(false);
      expect(readdirSync(dir), `${context}: guards and drafts are removed`).toEqual([]);
    }
  }, 120_000);
});
