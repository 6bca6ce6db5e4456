// YAML aliases (`*name`) that cannot be turned into data, found before toJS() would throw a bare
// ReferenceError: an alias whose anchor (`&name`) is not set before it, and an "alias bomb" whose
// nested aliases expand beyond MAX_ALIAS_COUNT (yaml's guard against resource exhaustion).
import { type Alias, type Document, type LineCounter, isCollection, visit } from "yaml";
import type { ConfigIssue } from "../errors.js";

/** yaml's `maxAliasCount`: the most values aliases may expand to, counted as yaml counts them. */
export const MAX_ALIAS_COUNT = 100;

/** One issue per alias that names no earlier anchor. */
export function unresolvedAliases(doc: Document, lineCounter: LineCounter): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) !== undefined) return;
      issues.push({
        path: "",
        ...position(alias, lineCounter),
        message:
          `alias *${alias.source} names no anchor &${alias.source} set before it; add &${alias.source} to an earlier ` +
          `value, or write the value out`,
      });
    },
  });
  return issues;
}

/**
 * The issue for a document whose aliases expand too much. It points at the first alias of an
 * anchor that itself holds aliases, where the expansion starts to multiply (else the first alias).
 */
export function excessiveAliases(doc: Document, lineCounter: LineCounter): ConfigIssue {
  let first: Alias | undefined;
  let nested: Alias | undefined;
  visit(doc, {
    Alias(_, alias) {
      first ??= alias;
      const target = alias.resolve(doc);
      if (nested === undefined && isCollection(target) && holdsAlias(target)) nested = alias;
    },
  });
  const at = nested ?? first;
  return {
    path: "",
    ...(at === undefined ? {} : position(at, lineCounter)),
    message:
      `aliases expand to more than ${MAX_ALIAS_COUNT} values (aliases of values that hold aliases multiply); write the ` +
      `repeated values out instead of nesting aliases`,
  };
}

function holdsAlias(node: unknown): boolean {
  let found = false;
  visit(node as Parameters<typeof visit>[0], {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

function position(alias: Alias, lineCounter: LineCounter): { line?: number; column?: number } {
  const offset = alias.range?.[0];
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
