// The same regex with its named groups (?<name>...) turned into plain groups (...): V8 builds a
// `groups` object on every match of a regex with named groups, which costs about as much as the
// match itself on short log lines, while plain groups are read from the match array by number.
// Group numbers count every capturing group, named or not, in the order of their `(`.

export interface NumberedGroups {
  readonly regex: RegExp;
  /** The match-array index of each named group. */
  readonly index: ReadonlyMap<string, number>;
}

/** Null when the pattern refers to a group by name (`\k<name>`), which needs the names. */
export function numberedGroups(body: string, flags: string): NumberedGroups | null {
  if (body.includes("\\k<")) return null;
  const index = new Map<string, number>();
  let out = "";
  let groups = 0;
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\\") {
      out += c + (body[i + 1] ?? "");
      i++;
      continue;
    }
    if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") {
      const named = /^\?<([A-Za-z_$][\w$]*)>/.exec(body.slice(i + 1));
      // A group name written otherwise (escapes, other letters) is left to the named form.
      if (named === null && /^\?<[^=!]/.test(body.slice(i + 1))) return null;
      if (body[i + 1] !== "?" || named !== null) groups++;
      if (named !== null) {
        index.set(named[1]!, groups);
        out += "(";
        i += named[0].length;
        continue;
      }
    }
    out += c;
  }
  const regex = new RegExp(out, flags);
  return sameGroups(body, out, flags, index) ? { regex, index } : null;
}

/** A safety net: both forms have the same number of groups, and the names are the original's. */
function sameGroups(body: string, out: string, flags: string, index: ReadonlyMap<string, number>): boolean {
  // With an empty alternative added, both match "" and their match arrays show every group.
  const original = new RegExp(`${body}|`, flags).exec("")!;
  const plain = new RegExp(`${out}|`, flags).exec("")!;
  const names = Object.keys(original.groups ?? {});
  return original.length === plain.length && names.length === index.size && names.every((name) => index.has(name));
}
