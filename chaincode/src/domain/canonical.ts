import stringify from 'json-stringify-deterministic';
import sortKeysRecursive from 'sort-keys-recursive';
import { createHash } from 'node:crypto';

/**
 * sort-keys-recursive also sorts arrays of strings. That is harmless for sets (parties, ids) but `children`
 * is ordered by split index: sorted as text, `.10` would come before `.2` and lineage/settlement order would drift.
 */
const ORDERED_ARRAYS = ['children'];

/** One byte-exact JSON form, so every endorsing peer writes and returns identical bytes. */
export function canonicalJson(value: unknown): string {
  const sorted =
    value !== null && typeof value === 'object'
      ? sortKeysRecursive(value, { ignoreArrayAtKeys: ORDERED_ARRAYS })
      : value;
  return stringify(sorted);
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
