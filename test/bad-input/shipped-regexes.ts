// Every regex the shipped queries use, taken from their syntax trees and compiled as the engine
// compiles them (flags included).
import { parseQuery } from "../../src/insights/syntax/parser.js";
import { compileRegex } from "../../src/insights/compile/regex.js";
import type { RegexLiteral } from "../../src/insights/syntax/ast.js";
import { SHIPPED, shippedDefinition, type ShippedName } from "../queries/shipped-query.js";

export interface ShippedRegex {
  readonly query: ShippedName;
  readonly source: string;
  readonly flags: string;
}

function regexLiterals(node: unknown, found: RegexLiteral[] = []): RegexLiteral[] {
  if (Array.isArray(node)) node.forEach((child) => regexLiterals(child, found));
  else if (node !== null && typeof node === "object") {
    if ((node as { kind?: unknown }).kind === "regex") found.push(node as RegexLiteral);
    else Object.values(node).forEach((child) => regexLiterals(child, found));
  }
  return found;
}

export const SHIPPED_REGEXES: readonly ShippedRegex[] = SHIPPED.flatMap((query) => {
  const { commands, source } = parseQuery(shippedDefinition(query).query);
  return regexLiterals(commands).map((literal) => {
    const { regex } = compileRegex(source, literal);
    return { query, source: regex.source, flags: regex.flags };
  });
});
