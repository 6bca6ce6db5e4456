// Registries looked up by a word from the query text (commands, functions, aggregates, time units)
// are built without a prototype: otherwise `constructor` or `__proto__` would find Object.prototype's
// members and be taken for a command, an aggregate or a unit.

/** `entries` copied into an object with no prototype, so only its own keys are found. */
export function lookupTable<T extends object>(entries: T): T {
  return Object.assign(Object.create(null) as T, entries);
}
