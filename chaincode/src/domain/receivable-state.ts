// State preconditions shared by the rules that move a receivable.
import { invalidState } from './errors';
import type { Receivable, ReceivableStatus } from './types';

/** Receivables that can be traded, pledged or settled: never PENDING, SPLIT or terminal. */
export function requireStatus(receivable: Receivable, ...allowed: ReceivableStatus[]): void {
  if (!allowed.includes(receivable.status)) {
    throw invalidState(`receivable is ${receivable.status}, needs ${allowed.join('|')}`, {
      id: receivable.id,
      status: receivable.status,
    });
  }
}

export function requireUnencumbered(receivable: Receivable): void {
  if (receivable.encumbrance) {
    throw invalidState('receivable is pledged', { id: receivable.id, pledgeId: receivable.encumbrance.pledgeId });
  }
}

/** A fingerprint backed by a rejected or cancelled receivable no longer blocks the invoice. */
export const isLive = (receivable: Receivable): boolean =>
  receivable.status !== 'REJECTED' && receivable.status !== 'CANCELLED';

export const touched = (receivable: Receivable, at: string, changes: Partial<Receivable>): Receivable => ({
  ...receivable,
  ...changes,
  updatedAt: at,
});
