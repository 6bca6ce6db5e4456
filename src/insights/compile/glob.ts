// Glob patterns of `parse` (CWL_QuerySyntax-Parse, glob mode): each `*` captures a value, the text
// between them must appear literally. The match is searched anywhere in the field (not anchored);
// a `*` captures as little as possible so the next literal ends it, and a trailing `*` takes the
// rest of the value. `*` also crosses newlines, so multi-line events parse like single lines.

const SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

export function globToRegex(pattern: string): RegExp {
  const parts = pattern.split("*");
  let source = "";
  parts.forEach((literal, i) => {
    source += literal.replace(SPECIAL, "\\$&");
    if (i === parts.length - 1) return;
    const isLast = i === parts.length - 2 && parts[parts.length - 1] === "";
    source += isLast ? "([\\s\\S]*)" : "([\\s\\S]*?)";
  });
  return new RegExp(source);
}

/** The literal pieces a match must contain, longest first (for the prefilter). */
export function globLiterals(pattern: string): string[] {
  return pattern
    .split("*")
    .filter((s) => s !== "")
    .sort((a, b) => b.length - a.length);
}
