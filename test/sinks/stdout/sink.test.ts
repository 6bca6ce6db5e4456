import { describe, expect, it } from "vitest";
import type { Datum } from "../../../src/metrics/datum.js";
import { PublishError } from "../../../src/sinks/sink.js";
import { formatDatums } from "../../../src/sinks/stdout/format.js";
import { createStdoutSink } from "../../../src/sinks/stdout/sink.js";
import { StdoutClosedError } from "../../../src/util/stdio.js";

const datum: Datum = { name: "550-5_7_26", timestamp: Date.UTC(2026, 10, 28, 23, 45), value: 1, unit: "Count", dimensions: {} };

describe(createStdoutSink.name, () => {
  it("prints each published batch in the chosen format", async () => {
    const written: string[] = [];
    const sink = createStdoutSink({ output: "ndjson", write: (text) => void written.push(text) });
    await sink.publish([datum]);
    await sink.publish([datum, datum]);
    expect(written.join("").trimEnd().split("\n")).toHaveLength(3);
  });

  it("writes a long ndjson batch in parts of at most 32 KB, which V8 frees young, that join to the whole", async () => {
    const written: string[] = [];
    const datums = Array.from({ length: 2_000 }, (_, i) => ({ ...datum, timestamp: datum.timestamp + i * 300_000 }));
    await createStdoutSink({ output: "ndjson", write: (text) => void written.push(text) }).publish(datums);
    expect(Math.max(...written.map((text) => text.length))).toBeLessThanOrEqual(32 * 1024);
    expect(written.join("")).toBe(formatDatums(datums, "ndjson"));
  });

  it("picks table on a terminal and ndjson otherwise", () => {
    expect(createStdoutSink({ isTTY: true, write: () => {} }).format).toBe("table");
    expect(createStdoutSink({ isTTY: false, write: () => {} }).format).toBe("ndjson");
  });

  it("sends a plan as one batch", () => {
    const sink = createStdoutSink({ write: () => {} });
    expect(sink.batchEnds([datum, datum, datum])).toEqual([3]);
    expect(sink.batchEnds([])).toEqual([]);
  });

  it("fails a batch as not printed when the reader closed stdout, so the state keeps it unpublished", async () => {
    const closed = () => Promise.reject(new StdoutClosedError("standard output was closed by its reader"));
    const attempt = createStdoutSink({ output: "ndjson", write: closed }).publish([datum]);
    await expect(attempt).rejects.toBeInstanceOf(PublishError);
    await expect(attempt).rejects.toMatchObject({ fate: "not-published" });
  });

  it("writes nothing for an empty ndjson batch", async () => {
    const written: string[] = [];
    await createStdoutSink({ output: "ndjson", write: (text) => void written.push(text) }).publish([]);
    expect(written).toEqual([]);
  });
});
