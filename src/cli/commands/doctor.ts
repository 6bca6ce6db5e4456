// `mail-metrics doctor --config FILE` (also `validate --aws`): the config as validate checks it,
// then what only AWS can tell (cli/doctor-checks.ts). One line per check, each problem with its
// fix; exit 0 when every check passes, 1 otherwise. It publishes nothing and writes no state.
import { createClients } from "../../aws/clients.js";
import { identityProbe } from "../../aws/identity.js";
import { commandContext, type AwsOverrides } from "../command-context.js";
import { doctorChecks, type Check } from "../doctor-checks.js";
import { checkPaths } from "./validate.js";

export interface DoctorOptions extends AwsOverrides {
  readonly config: string;
}

const MARK: Readonly<Record<Check["status"], string>> = { ok: "ok  ", fail: "FAIL", skip: "--  ", note: "--  " };

export async function doctor(options: DoctorOptions): Promise<number> {
  const context = await commandContext(options.config, options);
  const { config } = context.loaded;
  const lines = [
    `config ${context.configArgument}: ok (${context.loaded.queries.length} ${context.loaded.queries.length === 1 ? "query" : "queries"})`,
  ];
  if (config.source.type !== "cloudwatch-logs" && config.sink.type !== "cloudwatch") {
    process.stdout.write(`${[...lines, "this config does not call AWS (a files source and a stdout sink)"].join("\n")}\n`);
    // What a run over files needs instead: the log files (the same check as validate's).
    return (await checkPaths(config.source.paths, context.configArgument)) ?? 0;
  }
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  const probe = identityProbe(context.aws, context.clock, warn);
  const clients = createClients(context.aws, context.clock, warn);
  try {
    const checks = await doctorChecks({
      loaded: context.loaded,
      configArgument: context.configArgument,
      clock: context.clock,
      probe,
      clients,
    });
    const problems = checks.filter((check) => check.status === "fail").length;
    lines.push(...warnings.map((warning) => `note ${warning}`), ...checks.flatMap(checkLines));
    lines.push(
      problems === 0
        ? "all checks passed"
        : `${problems} ${problems === 1 ? "problem" : "problems"}: fix ${problems === 1 ? "it" : "them"} and run mail-metrics doctor again`,
    );
    process.stdout.write(`${lines.join("\n")}\n`);
    return problems === 0 ? 0 : 1;
  } finally {
    probe.destroy();
    clients.destroy();
  }
}

function checkLines(check: Check): string[] {
  return [`${MARK[check.status]} ${check.what}: ${check.detail}`, ...(check.fix === undefined ? [] : [`     fix: ${check.fix}`])];
}
