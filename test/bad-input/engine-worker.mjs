// Runs engine jobs for the bad-input suites in a worker thread, so a query or a regex that hangs
// can be stopped by the main thread (guarded-run.ts) instead of freezing the test run. It uses the
// BUILT engine (dist/, fresh via buildOnce) because a worker cannot load TypeScript. Before each
// case it bumps a shared counter; the main thread reads it to know which case is running.
// Jobs and outcomes: see engine-jobs.ts.
import { parentPort, workerData } from "node:worker_threads";

const { dist, progress } = workerData;
const { compileQuery } = await import(`${dist}/insights/compile.js`);
const { QuerySyntaxError } = await import(`${dist}/insights/errors.js`);
const started = new Int32Array(progress);

const describe = (error) =>
  error instanceof Error ? `${error.name}: ${error.message}\n${(error.stack ?? "").split("\n").slice(1, 6).join("\n")}` : String(error);

function classify(error, phase) {
  if (error instanceof QuerySyntaxError)
    return { kind: "syntax-error", phase, code: error.code, line: error.line, column: error.column, message: error.message };
  return { kind: "crash", phase, message: describe(error) };
}

/** Compiles one query and runs it over the events: a result, a clean QuerySyntaxError, or a crash. */
function runQuery(text, events) {
  let compiled;
  try {
    compiled = compileQuery(text);
  } catch (error) {
    return classify(error, "compile");
  }
  try {
    const execution = compiled.start({ limit: 100 });
    for (const event of events) execution.push(event);
    const output = execution.finish();
    const periods = compiled.binPeriods;
    const badPeriod = periods.find((period) => !(Number.isFinite(period) && period > 0));
    if (badPeriod !== undefined)
      return { kind: "crash", phase: "compile", message: `binPeriods holds ${badPeriod}; periods must be finite and positive` };
    return { kind: "result", rows: output.rows.length };
  } catch (error) {
    return classify(error, "execute");
  }
}

/** CPU time (ms) of this process so far: unlike the wall clock, other processes' load does not inflate it. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU time (ms) per call of `work`: one batch, repeated until it takes at least minBatchMs. */
function batchTime(work, minBatchMs) {
  for (let repeats = 1; ; repeats *= 2) {
    const t0 = cpuMs();
    for (let r = 0; r < repeats; r++) work();
    const elapsed = cpuMs() - t0;
    if (elapsed >= minBatchMs || repeats >= 1 << 20) return elapsed / repeats;
  }
}

/**
 * Times `work(line)` on one line family at each of its sizes, in `samples` rounds. Gives the best
 * CPU time per size and the ratio of the best times at the last two sizes.
 */
function scaling(work, sizes, samples, minBatchMs) {
  for (const line of sizes) work(line); // warm up: the first calls compile the regex
  const times = sizes.map(() => Infinity);
  for (let s = 0; s < samples; s++)
    sizes.forEach(
      (line, i) =>
        (times[i] = Math.min(
          times[i],
          batchTime(() => work(line), minBatchMs),
        )),
    );
  return { times, ratio: times[times.length - 1] / Math.max(times[times.length - 2], 1e-9) };
}

const JOBS = {
  queries({ cases, events }) {
    return cases.map((text) => {
      Atomics.add(started, 0, 1);
      const t0 = performance.now();
      const outcome = runQuery(text, events);
      return { ...outcome, ms: performance.now() - t0 };
    });
  },
  regexTimes({ regexes, families, samples, minBatchMs }) {
    return regexes.flatMap(({ source, flags }) => {
      const regex = new RegExp(source, flags);
      return families.map((sizes) => {
        Atomics.add(started, 0, 1);
        return scaling((line) => regex.exec(line), sizes, samples, minBatchMs);
      });
    });
  },
  queryTimes({ queries, families, samples, minBatchMs }) {
    return queries.flatMap((text) => {
      const compiled = compileQuery(text);
      return families.map((sizes) => {
        Atomics.add(started, 0, 1);
        return scaling(
          (message) => {
            const execution = compiled.start();
            execution.push({ timestamp: 1_764_324_120_000, message, logStream: "mail.log" });
            execution.finish();
          },
          sizes,
          samples,
          minBatchMs,
        );
      });
    });
  },
};

parentPort.on("message", (job) => {
  try {
    parentPort.postMessage({ ok: true, value: JOBS[job.type](job) });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: describe(error) });
  }
});
