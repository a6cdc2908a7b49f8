/** Exhaustiveness check: a new union member fails compilation wherever it is not handled. */
export function assertNever(value: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(value)}`);
}
