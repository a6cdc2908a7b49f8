/**
 * VALUE, or a clear failure naming WHAT was missing: the tests' one replacement for a non-null assertion (`x!`), so
 * a broken expectation about the network or an answer reads as such instead of a TypeError further on.
 */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, but it is ${String(value)}`);
  return value;
}
