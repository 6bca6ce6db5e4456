import { describe, expect, it } from "vitest";
import { logsInsightsConsoleUrl } from "../../../src/pipeline/explain/console-url.js";

/** Sage/jsurl's parse (lib/jsurl.js), enough to read back what the link carries. */
function parseJsurl(text: string): unknown {
  let i = 0;
  const decode = (): string => {
    let out = "";
    while (i < text.length && text[i] !== "~" && text[i] !== ")") {
      if (text[i] === "*") {
        const wide = text[i + 1] === "*";
        out += String.fromCharCode(parseInt(text.slice(i + (wide ? 2 : 1), i + (wide ? 6 : 3)), 16));
        i += wide ? 6 : 3;
      } else if (text[i] === "!") {
        out += "$";
        i += 1;
      } else out += text[i++];
    }
    return out;
  };
  const one = (): unknown => {
    if (text[i++] !== "~") throw new Error(`expected ~ at ${i - 1}`);
    if (text[i] === "'") {
      i += 1;
      return decode();
    }
    if (text[i] === "(") {
      i += 1;
      if (text[i] === "~") {
        const list: unknown[] = [];
        // `~(~)` is the empty array.
        if (text[i + 1] === ")") i += 1;
        else while (text[i] === "~") list.push(one());
        i += 1;
        return list;
      }
      const object: Record<string, unknown> = {};
      do {
        const key = decode();
        object[key] = one();
      } while (text[i] === "~" && ++i);
      i += 1;
      return object;
    }
    const start = i;
    while (i < text.length && text[i] !== "~" && text[i] !== ")") i++;
    return { "!0": false, "!1": true, false: false, true: true }[text.slice(start, i)];
  };
  return one();
}

describe(logsInsightsConsoleUrl.name, () => {
  it("builds the link Grafana's CloudWatch data source expects for the same query (grafana/grafana datasource tests)", () => {
    const url = logsInsightsConsoleUrl({
      region: "us-east-1",
      logGroups: ["fake-log-group-one", "fake-log-group-two"],
      range: { from: Date.parse("2016-12-31T15:00:00.000Z"), to: Date.parse("2016-12-31T16:00:00.000Z") },
      query: "stats count(@message) by bin(1h)",
    });
    expect(url).toBe(
      "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logs-insights:queryDetail=~(end~'2016-12-31T16*3a00*3a00.000Z~start~'2016-12-31T15*3a00*3a00.000Z~timeType~'ABSOLUTE~tz~'UTC~editorString~'stats*20count*28*40message*29*20by*20bin*281h*29~isLiveTail~false~source~(~'fake-log-group-one~'fake-log-group-two))",
    );
  });

  it("carries a derived query, quotes, slashes, $, newlines and non-ASCII included, back intact", () => {
    const query =
      'filter @message like /said: |status=sent \\(/\n| filter metric = "550-5_7_26" and relayDomain not in ["google.com"]\n| display @timestamp, @message # $ and é, Ā, ő and 😀';
    const url = logsInsightsConsoleUrl({
      region: "eu-west-1",
      logGroups: ["/mail/postfix", "/mail/outbound"],
      range: { from: 0, to: 300_000 },
      query,
    });
    const detail = url.slice(url.indexOf("queryDetail=") + "queryDetail=".length);
    expect(detail).toMatch(/^[A-Za-z0-9_.\-~'()*!]+$/);
    // `$` as `!`, the form jsurl's stringify (and so Grafana's link) writes.
    expect(detail).toContain("*23*20!*20and*20");
    expect(parseJsurl(detail)).toEqual({
      end: "1970-01-01T00:05:00.000Z",
      start: "1970-01-01T00:00:00.000Z",
      timeType: "ABSOLUTE",
      tz: "UTC",
      editorString: query,
      isLiveTail: false,
      source: ["/mail/postfix", "/mail/outbound"],
    });
  });

  it("writes an empty list of log groups as jsurl does", () => {
    const url = logsInsightsConsoleUrl({ region: "us-east-1", logGroups: [], range: { from: 0, to: 1 }, query: "q" });
    expect(url.endsWith("~source~(~))")).toBe(true);
    expect(parseJsurl(url.slice(url.indexOf("queryDetail=") + "queryDetail=".length))).toMatchObject({ source: [] });
  });

  it("uses the partition's console for GovCloud and China", () => {
    const link = { logGroups: ["g"], range: { from: 0, to: 1 }, query: "q" };
    expect(logsInsightsConsoleUrl({ ...link, region: "us-gov-west-1" })).toMatch(
      /^https:\/\/us-gov-west-1\.console\.amazonaws-us-gov\.com\//,
    );
    expect(logsInsightsConsoleUrl({ ...link, region: "cn-north-1" })).toMatch(/^https:\/\/cn-north-1\.console\.amazonaws\.cn\//);
  });
});
