import { describe, expect, it } from "vitest";
import { TopK } from "../../../src/insights/runtime/top-k.js";

describe(TopK.name, () => {
  it("keeps the best entries of a stream, best first", () => {
    const top = new TopK<number>(3, (a, b) => b - a);
    for (const n of [5, 1, 9, 3, 7, 9, 2, 8]) top.offer(n);
    expect(top.sorted()).toEqual([9, 9, 8]);
  });

  it("keeps everything below its capacity", () => {
    const top = new TopK<number>(10, (a, b) => a - b);
    for (const n of [3, 1, 2]) top.offer(n);
    expect(top.sorted()).toEqual([1, 2, 3]);
  });

  it("matches a full sort on a long stream", () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5003);
    const top = new TopK<number>(100, (a, b) => a - b);
    for (const v of values) top.offer(v);
    expect(top.sorted()).toEqual([...values].sort((a, b) => a - b).slice(0, 100));
  });
});
