import { describe, expect, it } from "vitest";
import { EngineError } from "../../../src/insights/errors.js";
import { compileQuery } from "../../../src/insights/compile.js";

const event = (i: number, message = `line ${i}`) => ({ timestamp: 1_716_098_400_000 + i, message });

describe(compileQuery.name, () => {
  it("starts independent executions of one compiled query", () => {
    const query = compileQuery("stats count(*) as n");
    const a = query.start();
    const b = query.start();
    a.push(event(1));
    a.push(event(2));
    b.push(event(3));
    expect(a.finish().rows).toEqual([[{ field: "n", value: "2" }]]);
    expect(b.finish().rows).toEqual([[{ field: "n", value: "1" }]]);
  });

  it("returns at most the execute limit (default 10,000) rows, the most recent", () => {
    const execution = compileQuery("fields @message").start();
    for (let i = 0; i < 25_000; i++) execution.push(event(i));
    const { rows, recordsScanned, recordsMatched } = execution.finish();
    expect(rows).toHaveLength(10_000);
    expect(rows[0]).toEqual([{ field: "@message", value: "line 24999" }]);
    expect(rows[9_999]).toEqual([{ field: "@message", value: "line 15000" }]);
    expect({ recordsScanned, recordsMatched }).toEqual({ recordsScanned: 25_000, recordsMatched: 25_000 });
  });

  it("sorts before limiting, over every event pushed", () => {
    const execution = compileQuery(`parse @message "n=*" as n | sort n desc | limit 3 | display n`).start({ limit: 2 });
    for (let i = 0; i < 1000; i++) execution.push(event(i, `n=${(i * 37) % 1000}`));
    expect(execution.finish().rows.map((r) => r[0]?.value)).toEqual(["999", "998"]);
  });

  it("finishTable: the same rows as finish, built as they are read, the row limit keeping the first groups", () => {
    const text = `parse @message "k=* " as k | stats count(*) as n, max(@timestamp) as last by k, bin(1m) as t`;
    const push = (limit?: number) => {
      const execution = compileQuery(text).start(limit === undefined ? undefined : { limit });
      for (let i = 0; i < 500; i++) execution.push(event(i * 7_000, `k=${(i * 13) % 17} `));
      return execution;
    };
    const all = push().finish().rows;
    expect(all.length).toBeGreaterThan(50);
    const table = push(50).finishTable().rows;
    expect(table.length).toBe(50);
    expect(Array.from({ length: 50 }, (_, i) => table.at(49 - i)).reverse()).toEqual(all.slice(0, 50));
    expect(table.at(50)).toBeUndefined();
  });

  it("refuses to be used after finish", () => {
    const execution = compileQuery("fields @message").start();
    execution.finish();
    expect(() => execution.finish()).toThrow(new EngineError("finish() called twice on one execution"));
    expect(() => execution.finishTable()).toThrow(new EngineError("finish() called twice on one execution"));
    expect(() => execution.push(event(1))).toThrow(new EngineError("push() called after finish()"));
  });

  it.each([0, -1, 2.5, Number.NaN])("rejects the execute limit %s, naming it", (limit) => {
    expect(() => compileQuery("fields @message").start({ limit })).toThrow(
      new EngineError(`execute limit must be a positive integer, got ${limit}`),
    );
  });
});
