// Small typed assertions shared by the gateway tests, so they never need `!` or values typed `any`; the ones every
// test tree uses live once in test/support.
export { defined } from '../../../test/support/defined';
export { anyString, stringMatching } from '../../../test/support/matchers';

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
