// The built CLI as a child process the test keeps a hand on: to kill it at a chosen moment (SIGKILL,
// SIGTERM) or to start two at once. test/cli/built-cli.ts's runCli only hands back the result.
import { spawn, type ChildProcess } from "node:child_process";
import { childEnv, CLI, ROOT, type CliResult } from "../cli/built-cli.js";

export interface CliChild {
  readonly process: ChildProcess;
  /** Resolves when the child has exited and its output is read; `signal` says what killed it. */
  readonly done: Promise<CliResult & { readonly signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

export function spawnCli(args: readonly string[], env: Readonly<Record<string, string>>): CliChild {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout!.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") }),
    );
  });
  return {
    process: child,
    done,
    kill(signal) {
      // kill(2) is sent at once: whatever the child does after this instruction, it does not do.
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}
