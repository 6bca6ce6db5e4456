// A link that opens the same query in the CloudWatch Logs Insights console. AWS does not document
// the console's URL format; this is the one Grafana's CloudWatch data source builds for its "View in
// CloudWatch console" links (grafana/grafana public/app/plugins/datasource/cloudwatch/aws_url.ts,
// still produced in 2025: grafana/grafana#109889): `#logs-insights:queryDetail=` followed by the
// query details in JSURL (Sage/jsurl lib/jsurl.js: `~(key~value…)` objects, `~(~a~b)` arrays, strings
// `'` + text with every character but letters, digits, `_`, `-` and `.` written `*hh`, or `**hhhh`
// beyond U+00FF, and `$` written `!`; booleans `~false`). Second-hand and UNCONFIRMED by AWS: the link is a convenience,
// and the report prints the query itself too.
import type { Interval } from "../../windows/intervals.js";

export interface ConsoleLink {
  readonly region: string;
  readonly logGroups: readonly string[];
  readonly range: Interval;
  readonly query: string;
}

export function logsInsightsConsoleUrl(link: ConsoleLink): string {
  const detail = jsurl({
    end: new Date(link.range.to).toISOString(),
    start: new Date(link.range.from).toISOString(),
    timeType: "ABSOLUTE",
    tz: "UTC",
    editorString: link.query,
    isLiveTail: false,
    source: link.logGroups,
  });
  return `https://${consoleHost(link.region)}/cloudwatch/home?region=${link.region}#logs-insights:queryDetail=${detail}`;
}

/** The partitions' consoles, as aws_url.ts names them. */
function consoleHost(region: string): string {
  if (region.startsWith("us-gov-")) return `${region}.console.amazonaws-us-gov.com`;
  if (region.startsWith("cn-")) return `${region}.console.amazonaws.cn`;
  return `${region}.console.aws.amazon.com`;
}

type Value = string | boolean | readonly string[] | { readonly [key: string]: Value };

function jsurl(value: Value): string {
  if (typeof value === "string") return `~'${encode(value)}`;
  // `~false`, as in the links Grafana builds (jsurl's parse reads both that and `~!0`).
  if (typeof value === "boolean") return `~${value}`;
  if (Array.isArray(value)) return `~(${value.map((item: string) => jsurl(item)).join("") || "~"})`;
  return `~(${Object.entries(value as { readonly [key: string]: Value })
    .map(([key, item]) => encode(key) + jsurl(item))
    .join("~")})`;
}

function encode(text: string): string {
  return text.replace(/[^\w.-]/g, (char) => {
    if (char === "$") return "!";
    const code = char.charCodeAt(0);
    return code < 0x100 ? `*${code.toString(16).padStart(2, "0")}` : `**${code.toString(16).padStart(4, "0")}`;
  });
}
