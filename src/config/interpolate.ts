// `${NAME}` and `${NAME:-default}` in config files, replaced before YAML parsing (as docker compose
// does). `$${` writes a literal `${`. Whole-line comments are left alone, so a commented-out line may
// name a variable that is not set.
import { ConfigError } from "../errors.js";

const REFERENCE = /\$\$\{|\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type Environment = Readonly<Record<string, string | undefined>>;

/** Returns `text` with every reference replaced; throws ConfigError naming the variable, file and line. */
export function interpolateEnv(text: string, file: string, env: Environment): string {
  const lines = text.split("\n");
  return lines.map((line, index) => (/^\s*#/.test(line) ? line : interpolateLine(line, index + 1, file, env))).join("\n");
}

function interpolateLine(line: string, lineNumber: number, file: string, env: Environment): string {
  return line.replace(REFERENCE, (match, body: string | undefined) => {
    if (body === undefined) return "${"; // the $${ escape
    const fail = (message: string): never => {
      throw new ConfigError(file, [{ path: "", line: lineNumber, message }]);
    };
    const separator = body.indexOf(":-");
    const name = separator === -1 ? body : body.slice(0, separator);
    if (!NAME.test(name)) fail(`${match} is not a variable reference; write \${NAME} or \${NAME:-default}, or $\${ for a literal \${`);
    const value = env[name];
    // `:-` as in the shell: an empty variable also takes the default.
    if (value !== undefined && (value !== "" || separator === -1)) return checkedValue(value, name, fail);
    if (separator !== -1) return body.slice(separator + 2);
    return fail(`environment variable ${name} is not set; set it, or write \${${name}:-default}`);
  });
}

function checkedValue(value: string, name: string, fail: (message: string) => never): string {
  // A line break would shift every later line number in error messages (and could inject YAML keys).
  if (/[\r\n]/.test(value)) fail(`environment variable ${name} contains a line break; config values are single-line`);
  return value;
}
