// Name and dimension templates: literal text with `{field}` placeholders filled from a result row.
// A field name is anything between braces except braces, so `{bin(5m)}` works.

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** The field names a template uses, in order, without repeats. */
export function placeholders(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1]!))];
}

export const isStatic = (template: string): boolean => placeholders(template).length === 0;

/** Fills a template; returns the first field the row lacks instead when one is missing. */
export function fillTemplate(template: string, lookup: (field: string) => string | undefined): { text: string } | { missing: string } {
  let missing: string | undefined;
  const text = template.replace(PLACEHOLDER, (_, field: string) => {
    const value = lookup(field);
    if (value === undefined) missing ??= field;
    return value ?? "";
  });
  return missing === undefined ? { text } : { missing };
}
