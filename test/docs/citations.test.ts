// Every document the code, the queries, the tests and the docs cite is in the repository: a cited
// `docs/x.md#anchor` exists with that anchor, a relative Markdown link resolves, and nothing cites
// notes that live outside the repository.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SCANNED = ["src", "queries", "test", "scripts", "bench", "docs", "README.md", "ARCHITECTURE.md", "config.example.yaml"];
const TEXT = /\.(ts|mjs|js|yaml|yml|md|txt|json)$/;

/** Ways the code once cited notes kept outside the repository. */
const OUTSIDE = [/\/work\/shared/, /\.\.\/shared\//, /aws-facts/, /postfix-semantics\.md/, /semantics notes/, /the issue list/];

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return TEXT.test(path) ? [path] : [];
  return readdirSync(full).flatMap((name) => (name === "node_modules" ? [] : files(join(path, name))));
}

const scanned = SCANNED.flatMap(files).filter((file) => file !== relative(ROOT, import.meta.filename));
const text = (file: string) => readFileSync(join(ROOT, file), "utf8");

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

function anchorsOf(markdown: string): Set<string> {
  const explicit = [...markdown.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!);
  const headings = [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!));
  return new Set([...explicit, ...headings]);
}

/** [file, line, target, anchor] for every citation of a repository document in `file`. */
function citations(file: string): [string, number, string, string | undefined][] {
  const found: [string, number, string, string | undefined][] = [];
  text(file)
    .split("\n")
    .forEach((line, index) => {
      for (const m of line.matchAll(/(?<![\w/.-])docs\/([\w-]+\.md)(?:#([\w-]+))?/g)) found.push([file, index + 1, `docs/${m[1]}`, m[2]]);
      if (!file.endsWith(".md")) return;
      // A link in a code span is code (MUTATION.md quotes regexes such as `[a-z](?:\.x)`), not a link.
      for (const m of line.replace(/`[^`]*`/g, "``").matchAll(/\]\(([^)\s#]*)(?:#([^)\s]+))?\)/g)) {
        if (/^[a-z]+:/.test(m[1]!)) continue;
        const target = m[1] === "" ? file : relative(ROOT, resolve(ROOT, dirname(file), m[1]!));
        found.push([file, index + 1, target, m[2]]);
      }
    });
  return found;
}

describe("citations", () => {
  it("scans the code, the queries, the tests and the docs", () => {
    expect(scanned).toContain("src/metrics/sanitise.ts");
    expect(scanned).toContain("queries/postfix-smtp-status.yaml");
    expect(scanned).toContain("docs/cloudwatch-facts.md");
  });

  it("cite only documents, and anchors, that exist in the repository", () => {
    const broken = scanned.flatMap(citations).filter(([, , target, anchor]) => {
      const path = join(ROOT, target);
      if (!existsSync(path)) return true;
      return anchor !== undefined && target.endsWith(".md") && !anchorsOf(readFileSync(path, "utf8")).has(anchor);
    });
    expect(broken.map(([file, line, target, anchor]) => `${file}:${line}: ${target}${anchor ? `#${anchor}` : ""}`)).toEqual([]);
  });

  it("cite no notes kept outside the repository", () => {
    const outside = scanned.flatMap((file) =>
      text(file)
        .split("\n")
        .flatMap((line, index) => (OUTSIDE.some((pattern) => pattern.test(line)) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(outside).toEqual([]);
  });
});
