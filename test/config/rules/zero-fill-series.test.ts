// A zero-fill name and the dimension values its zeros carry are published as sanitise makes them
// (metrics/to-datums.ts): "é" goes out as "%C3%A9". The one-series rule must compare them so, or a
// query whose rows publish "%C3%A9" would add into the other query's zeros unseen.
import { join } from "node:path";
import { expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { configErrorOf } from "../config-error-of.js";
import { tempTree } from "../temp-tree.js";

/** A query counting rows by the named groups of `regex`, published as `metric`. */
const query = (name: string, regex: string, by: string, metric: string) => `name: ${name}
query: |
  parse @message /${regex}/
  | filter ispresent(${by})
  | stats count(*) as n by ${by}, bin(5m) as t
metric: { value: n, timestamp: t, ${metric} }
`;

const load = (a: string, b: string) =>
  loadConfig(
    join(
      tempTree({
        "config.yaml":
          "source: { type: files, paths: [mail.log] }\nsink: { type: cloudwatch, namespace: Mail/Test }\nqueries:\n  - file: a.yaml\n  - file: b.yaml\n",
        "a.yaml": a,
        "b.yaml": b,
      }),
      "config.yaml",
    ),
    { env: {} },
  );

it("refuses a zeroFill name whose published form the other query's names can take", async () => {
  const a = query("a", "s=(?<k>[a-z]+)", "k", 'name: "{k}", zeroFill: ["é"]');
  const b = query("b", "s=(?<k>%C3%A9)", "k", 'name: "{k}"');
  const error = await configErrorOf(load(a, b));
  expect(error.message).toContain('their metric.name "{k}" and zeroFill "é" can both be "%C3%A9"');
});

it("refuses zeros whose static dimension value, published, the other query's dimension can take", async () => {
  const a = query("a", "s=(?<k>[0-9]+)", "k", 'name: "{k}", zeroFill: [sent], dimensions: { Site: "é" }');
  const b = query("b", "site=(?<s>%C3%A9)", "s", 'name: sent, dimensions: { Site: "{s}" }');
  const error = await configErrorOf(load(a, b));
  expect(error.message).toContain('their metric.name "sent" and zeroFill "sent" can both be "sent", with dimensions Site');
});

it("refuses a zeroFill name that is only white space, naming the query file and the key", async () => {
  const a = query("a", "s=(?<k>[a-z]+)", "k", 'name: "{k}", zeroFill: [sent, " "]');
  const b = query("b", "t=(?<k>[0-9]+)", "k", 'name: "{k}"');
  const error = await configErrorOf(load(a, b));
  expect(error.message).toContain("a.yaml");
  expect(error.message).toContain("zeroFill");
  expect(error.message).toContain("a zeroFill name that is empty or only white space would publish a blank metric name; write the name");
});
