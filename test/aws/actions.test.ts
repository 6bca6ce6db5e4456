// The table of AWS calls (src/aws/actions.ts) is the code's: every SDK command the code sends is in
// it, and every row of a command that exists is sent by the code. doctor and the README's IAM
// policy are derived from it, so neither can miss a call.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AWS_CALLS, callsOf, type CommandName } from "../../src/aws/actions.js";

const SRC = join(import.meta.dirname, "..", "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** The SDK commands imported from @aws-sdk/client-* anywhere in src/. */
function commandsSent(): Set<string> {
  const sent = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    for (const match of readFileSync(file, "utf8").matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/client-[a-z-]+"/g)) {
      for (const name of match[1]!.split(",").map((part) => part.trim())) {
        if (/^[A-Z]\w*Command$/.test(name)) sent.add(name.replace(/Command$/, ""));
      }
    }
  }
  return sent;
}

const COMMAND_FILES: Readonly<Record<CommandName, string>> = {
  run: "run",
  backfill: "backfill",
  doctor: "doctor",
  "alarms sync": "alarms",
  dashboard: "dashboard",
};

describe("AWS_CALLS", () => {
  it("lists every SDK command the code sends", () => {
    const listed = new Set(AWS_CALLS.map((call) => call.operation));
    expect([...commandsSent()].filter((operation) => !listed.has(operation))).toEqual([]);
  });

  it("lists no call the code does not send, for the commands that exist", () => {
    const sent = commandsSent();
    const present = AWS_CALLS.filter((call) =>
      call.commands.some((command) => existsSync(join(SRC, "cli", "commands", `${COMMAND_FILES[command]}.ts`))),
    );
    expect(present.filter((call) => !sent.has(call.operation)).map((call) => call.operation)).toEqual([]);
  });

  it("gives each call its IAM action in the service's namespace (GetCallerIdentity needs none)", () => {
    for (const call of AWS_CALLS) {
      if (call.operation === "GetCallerIdentity") expect(call.action).toBeNull();
      else expect(call.action).toMatch(new RegExp(`^(logs|cloudwatch):${call.operation}$`));
    }
  });
});

describe(callsOf.name, () => {
  const config = (source: string, sink: string) => ({ source: { type: source }, sink: { type: sink } });
  it.each([
    ["files", "stdout", []],
    ["cloudwatch-logs", "stdout", ["logs:StartQuery", "logs:GetQueryResults", "logs:StopQuery"]],
    ["files", "cloudwatch", ["cloudwatch:PutMetricData", "cloudwatch:GetMetricData"]],
    [
      "cloudwatch-logs",
      "cloudwatch",
      ["logs:StartQuery", "logs:GetQueryResults", "logs:StopQuery", "cloudwatch:PutMetricData", "cloudwatch:GetMetricData"],
    ],
  ])("run with a %s source and a %s sink needs %j", (source, sink, actions) => {
    expect(callsOf("run", config(source, sink)).map((call) => call.action)).toEqual(actions);
  });
});
