// Random queries shaped by the grammar (commands with arguments of the right kind, functions and
// aggregates with an allowed number of arguments, from the engine's registries), so that many of
// them compile and the evaluator, not only the parser, meets strange inputs.
import { AGGREGATES } from "../../src/insights/library/aggregates.js";
import { FUNCTIONS } from "../../src/insights/library/functions.js";
import type { SeededRandom } from "./seeded-random.js";

const FIELDS = ["@message", "@timestamp", "@logStream", "@log", "@ingestionTime", "status", "dsn", "n", "x.y", "`a b`"];
const NAMES = ["status", "dsn", "n", "t", "metric", "count"];
const LITERALS = ["0", "1", "-1", "2.5", "1e400", '""', '"sent"', '"5.7.26"', "'said: '", '"*"', '"\\n"', '"日本"'];
const PERIODS = ["1ms", "1s", "5m", "1h", "1d", "1w", "1mo", "1q", "1y", "30sec", "2hours"];
const REGEXES = ["/status=(?<status>\\w+)/", "/(?i)dsn=(?<dsn>[\\d.]+)/", "/^(?<n>\\d+)$/", "/(?<t>.*)/", "/x|y/"];
const GLOBS: readonly [string, number][] = [
  ['"status=*,"', 1],
  ['"* * *"', 3],
  ['"dsn=*"', 1],
  ['"*"', 1],
];
const OPERATORS = ["+", "-", "*", "/", "%", "^", "=", "!=", "<", ">", "<=", ">=", "and", "or"];

export class QueryGrammar {
  constructor(private readonly random: SeededRandom) {}

  query(): string {
    const commands: string[] = [];
    for (let n = this.random.between(1, 5); n > 0; n--) commands.push(this.command());
    return commands.join(this.random.pick([" | ", "\n| ", "|"]));
  }

  private command(): string {
    const r = this.random;
    switch (r.int(8)) {
      case 0:
        return `fields ${this.list(() => this.named(this.expr(3)))}`;
      case 1:
        return `filter ${this.expr(3)}`;
      case 2: {
        if (r.chance(0.5)) return `parse ${r.pick(FIELDS)} ${r.pick(REGEXES)}`;
        const [glob, stars] = r.pick(GLOBS);
        return `parse ${r.pick(FIELDS)} ${glob} as ${Array.from({ length: stars }, () => r.pick(NAMES)).join(", ")}`;
      }
      case 3:
        return `stats ${this.list(() => this.named(this.aggregate()))}${r.chance(0.7) ? ` by ${this.list(() => this.named(this.groupKey()))}` : ""}`;
      case 4:
        return `sort ${this.list(() => `${this.expr(2)}${r.pick(["", " asc", " desc"])}`)}`;
      case 5:
        return `limit ${r.pick(["1", "2", "10", "10000"])}`;
      case 6:
        return `display ${this.list(() => r.pick([...FIELDS, ...NAMES]))}`;
      default:
        return `dedup ${this.list(() => r.pick([...FIELDS, ...NAMES]))}`;
    }
  }

  private list(item: () => string): string {
    return Array.from({ length: this.random.between(1, 3) }, item).join(", ");
  }

  private named(expr: string): string {
    return this.random.chance(0.6) ? `${expr} as ${this.random.pick(NAMES)}` : expr;
  }

  private groupKey(): string {
    return this.random.chance(0.4) ? `bin(${this.random.pick(PERIODS)})` : this.expr(1);
  }

  private aggregate(): string {
    const r = this.random;
    const name = r.pick(Object.keys(AGGREGATES));
    if (name === "count") return r.pick(["count(*)", "count()", `count(${r.pick(FIELDS)})`]);
    if (name === "pct") return `pct(${this.expr(1)}, ${r.pick(["0", "50", "99.9", "100"])})`;
    return `${name}(${this.expr(2)})`;
  }

  expr(depth: number): string {
    const r = this.random;
    if (depth <= 0) return r.chance(0.6) ? r.pick(FIELDS) : r.pick(LITERALS);
    switch (r.int(7)) {
      case 0:
        return `${this.expr(depth - 1)} ${r.pick(OPERATORS)} ${this.expr(depth - 1)}`;
      case 1:
        return `${r.pick(["not ", "-"])}${this.expr(depth - 1)}`;
      case 2:
        return `${this.expr(depth - 1)} ${r.pick(["like", "not like", "=~"])} ${r.chance(0.5) ? r.pick(REGEXES) : r.pick(LITERALS.filter((l) => l.includes('"') || l.includes("'")))}`;
      case 3:
        return `${this.expr(depth - 1)} ${r.pick(["in", "not in"])} [${this.list(() => r.pick(LITERALS.filter((l) => l !== "1e400")))}]`;
      case 4:
        return `(${this.expr(depth - 1)})`;
      default:
        return this.call(depth);
    }
  }

  private call(depth: number): string {
    const r = this.random;
    const name = r.pick(Object.keys(FUNCTIONS));
    const spec = FUNCTIONS[name];
    if (spec === undefined) throw new Error(`no function ${name}`);
    const count = r.between(spec.min, Math.min(spec.max, spec.min + 3));
    const args = Array.from({ length: count }, (_, i) => (spec.periods?.includes(i) ? r.pick(PERIODS) : this.expr(depth - 1)));
    return `${r.chance(0.2) ? name.toUpperCase() : name}(${args.join(", ")})`;
  }
}
