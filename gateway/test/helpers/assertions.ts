// Small typed assertions shared by the gateway tests, so they never need `!` or values typed `any`.

/** VALUE, failing the test with a message naming WHAT when it is undefined or null. */
export function defined<T>(value: T, what: string): NonNullable<T> {
  if (value === undefined || value === null) throw new Error(`expected ${what}, got ${String(value)}`);
  return value;
}

// Jest's asymmetric matchers, typed `unknown` instead of @types/jest's `any`, so they can sit inside expected objects.
/** Matches any string. */
export const anyString = (): unknown => expect.any(String);
/** Matches a string matching PATTERN. */
export const stringMatching = (pattern: RegExp): unknown => expect.stringMatching(pattern);

/** The value at PATH inside parsed JSON, failing the test (naming the path) when a step is missing. */
export function at(json: unknown, ...path: string[]): unknown {
  let value = json;
  for (const [i, key] of path.entries()) {
    if (typeof value !== 'object' || value === null || !(key in value)) {
      throw new Error(`no ${path.slice(0, i + 1).join(' > ')} in the JSON`);
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
