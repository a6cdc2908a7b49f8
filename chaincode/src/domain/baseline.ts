// The network's own limit, measured without business rules: one read or one write of a small record. Only org
// admins (operators) may use it, and it writes only under its own key prefix, so it can never touch business data.
import { CALLABLE_BY } from '@scf/wire';
import { forbidden } from './errors';
import type { Caller, Role } from './types';
import { reference, text } from './validation';

// Fabric deletes a key written with an empty value, so a value has at least one character.
export const BASELINE_VALUE_MAX_BYTES = 1024;

export interface BaselineWrite {
  key: string;
  value: string;
}

/** Both probe functions (Put, Get) share one role list; org admins have no company (party null). */
export function requireOperator(caller: Caller): void {
  const roles: readonly Role[] = CALLABLE_BY.baseline.Put;
  if (!roles.includes(caller.role) || caller.party !== null) {
    throw forbidden('the baseline probe is for organisation admins only', { role: caller.role });
  }
}

export const baselineKey = (value: unknown): string => reference(value, '$.key');

export function baselineWrite(caller: Caller, key: unknown, value: unknown): BaselineWrite {
  requireOperator(caller);
  const checked = text(value, '$.value', { min: 1, max: BASELINE_VALUE_MAX_BYTES });
  return { key: baselineKey(key), value: checked };
}
