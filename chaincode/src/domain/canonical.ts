import stringify from 'json-stringify-deterministic';
import sortKeysRecursive from 'sort-keys-recursive';
import { createHash } from 'node:crypto';

/** One byte-exact JSON form, so every endorsing peer writes and returns identical bytes. */
export function canonicalJson(value: unknown): string {
  const sorted = value !== null && typeof value === 'object' ? sortKeysRecursive(value as object) : value;
  return stringify(sorted);
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
