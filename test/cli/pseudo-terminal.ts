// Runs a command with a pseudo-terminal as its stdin, stdout and stderr, as from an interactive
// shell, through util-linux `script` (in Debian's essential bsdutils package, so CI has it). BSD
// and macOS `script` take other options; there `terminalUnavailable` says why the tests skip.
import { spawn, spawnSync } from "node:child_process";
import { childEnv } from "./built-cli.js";

const version = spawnSync("script", ["--version"], { encoding: "utf8" });
/** Why commands cannot be run on a pseudo-terminal here, or null when they can. */
export const terminalUnavailable: string | null =
  version.error !== undefined || !/util-linux/.test(version.stdout)
    ? "needs util-linux `script` to give the CLI a pseudo-terminal (Debian: bsdutils)"
    : null;

const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

export interface TerminalResult {
  readonly code: number | null;
  /** What the terminal received from stdout and stderr together, as the program wrote it (newlines as \r\n). */
  readonly output: string;
}

/** Runs `argv` on a fresh pseudo-terminal and resolves with everything it wrote there once it exits. */
export function runOnTerminal(argv: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<TerminalResult> {
  return new Promise((resolve, reject) => {
    // -q: no "Script started" lines; -e: script exits with the command's code; /dev/null: no typescript file.
    const child = spawn("script", ["-q", "-e", "-c", argv.map(quote).join(" "), "/dev/null"], {
      env: childEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output: Buffer.concat(output).toString("utf8") }));
  });
}
