// Conflict records: refused attempts kept on the ledger as evidence (double pledge, double financing).
import { ledgerEvent, sortedUnique, type LedgerEvent } from './events';
import type { ErrorCode } from './errors';
import { conflictIds } from './ids';
import type { Outcome, RefusedReply } from './outcome';
import type { Conflict, ConflictKind, Fingerprint, Invoice, PartyId, PledgeId, Receivable, TxInfo } from './types';

/** What a conflict records before the transaction numbers it. */
export interface ConflictDraft {
  kind: ConflictKind;
  attempted: Record<string, unknown>;
  existing: { receivableId: Receivable['id']; pledgeId?: PledgeId; fingerprint?: Fingerprint };
  visibleTo: PartyId[];
}

export interface DuplicateInvoice {
  invoice: Invoice;
  existing: Receivable;
}

/** One draft per duplicated invoice; the existing receivable's stakeholders are the victims who may see it. */
export const duplicateInvoiceDrafts = (
  attempted: Receivable,
  duplicates: readonly DuplicateInvoice[],
): ConflictDraft[] =>
  duplicates.map(({ invoice, existing }) => ({
    kind: 'DUPLICATE_INVOICE',
    attempted: {
      externalRef: attempted.externalRef,
      debtor: attempted.debtor,
      creditor: attempted.originalCreditor,
      amount: attempted.amount,
      currency: attempted.currency,
      invoice: { code: invoice.code, number: invoice.number },
    },
    existing: { receivableId: existing.id, fingerprint: invoice.fingerprint },
    visibleTo: sortedUnique([existing.holder, existing.originalCreditor, existing.debtor]),
  }));

export function doublePledgeDraft(receivable: Receivable, attempted: Record<string, unknown>): ConflictDraft {
  const encumbrance = receivable.encumbrance;
  if (!encumbrance) throw new Error('a double pledge needs an existing encumbrance');
  return {
    kind: 'DOUBLE_PLEDGE',
    attempted,
    existing: { receivableId: receivable.id, pledgeId: encumbrance.pledgeId },
    visibleTo: sortedUnique([receivable.holder, encumbrance.pledgee]),
  };
}

export function recordConflicts(tx: TxInfo, attemptedBy: PartyId, drafts: readonly ConflictDraft[]): Conflict[] {
  const ids = conflictIds(tx.txId, drafts.length);
  return drafts.map((draft, index) => ({
    docType: 'conflict',
    id: ids[index] as Conflict['id'],
    attemptedBy,
    attemptedAt: tx.at,
    ...draft,
  }));
}

function conflictEvent(tx: TxInfo, conflicts: readonly Conflict[]): LedgerEvent {
  return ledgerEvent('ConflictRecorded', tx, {
    receivableIds: conflicts.map((c) => c.existing.receivableId),
    parties: conflicts.flatMap((c) => c.visibleTo),
    ...(conflicts[0] ? { conflictId: conflicts[0].id } : {}),
    ...(conflicts[0]?.existing.pledgeId ? { pledgeId: conflicts[0].existing.pledgeId } : {}),
  });
}

/** The transaction commits the conflicts and answers REFUSED instead of throwing (a throw would lose them). */
export function refusedAndRecorded(
  tx: TxInfo,
  code: Extract<ErrorCode, 'DOUBLE_PLEDGE' | 'DUPLICATE_INVOICE'>,
  message: string,
  conflicts: readonly Conflict[],
  extra: Pick<RefusedReply, 'results'> = {},
): Outcome<never> {
  const [first] = conflicts;
  if (!first) throw new Error('a refusal needs at least one conflict');
  const details = { conflictIds: conflicts.map((c) => c.id), existing: conflicts.map((c) => c.existing) };
  const reply: RefusedReply = {
    status: 'REFUSED',
    error: { code, message, details },
    conflict: first,
    ...(conflicts.length > 1 ? { conflicts: [...conflicts] } : {}),
    ...extra,
  };
  return {
    writes: conflicts.map((conflict) => ({ kind: 'conflict', conflict })),
    event: conflictEvent(tx, conflicts),
    reply,
  };
}
