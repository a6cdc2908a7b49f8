import { CALLABLE_BY } from '@scf/wire';
import { requireActor } from './access';
import { duplicateInvoiceDrafts, recordConflicts, refusedAndRecorded, type ConflictDraft } from './conflicts';
import { atItem, validation } from './errors';
import { ledgerEvent } from './events';
import { issuePlan } from './issue';
import type { LedgerReader } from './ledger-reader';
import { creationWrites, originate, type Origination } from './origination';
import type { Outcome } from './outcome';
import { parseIssueBatch, type OriginationRequest } from './requests';
import type { Caller, ConflictId, ReceivableId, TxInfo } from './types';

export interface BatchItemResult {
  externalRef: string;
  id: ReceivableId;
  created: boolean;
  /** Present on a refused batch for the items whose invoices are already financed. */
  conflictIds?: ConflictId[];
}

/** Items must not collide with each other: the ledger cannot see writes of the same transaction. */
function assertItemsDistinct(requests: readonly OriginationRequest[]): void {
  const refs = new Map<string, number>();
  const invoices = new Map<string, number>();
  requests.forEach((request, index) => {
    if (refs.has(request.externalRef)) {
      throw validation(`item ${index}: externalRef repeats item ${refs.get(request.externalRef)}`, {
        index,
        field: `$.items[${index}].externalRef`,
      });
    }
    refs.set(request.externalRef, index);
    for (const invoice of request.invoices) {
      const key = `${invoice.code}|${invoice.number}`;
      if (invoices.has(key)) {
        throw validation(`item ${index}: invoice repeats one of item ${invoices.get(key)}`, {
          index,
          field: `$.items[${index}].invoices`,
        });
      }
      invoices.set(key, index);
    }
  });
}

/** Up to 500 issues in one transaction: all are written, or none (any duplicate refuses the whole batch). */
export async function issueBatch(
  reader: LedgerReader,
  caller: Caller,
  tx: TxInfo,
  raw: string,
): Promise<Outcome<{ results: BatchItemResult[] }>> {
  const requests = parseIssueBatch(raw);
  const debtor = requireActor(caller, CALLABLE_BY.receivables.IssueBatch, ['CORE']);
  assertItemsDistinct(requests);

  const originations: Origination[] = [];
  for (const [index, request] of requests.entries()) {
    try {
      const plan = await issuePlan(reader, caller, request, `$.items[${index}]`);
      originations.push(await originate(reader, tx, plan));
    } catch (error) {
      throw atItem(error, index);
    }
  }

  const drafts: { index: number; drafts: ConflictDraft[] }[] = [];
  originations.forEach((o, index) => {
    if (o.kind === 'duplicate') drafts.push({ index, drafts: duplicateInvoiceDrafts(o.attempted, o.duplicates) });
  });
  if (drafts.length > 0) {
    const conflicts = recordConflicts(
      tx,
      debtor.id,
      drafts.flatMap((d) => d.drafts),
    );
    let next = 0;
    const conflictIdsByItem = new Map(
      drafts.map((d) => [d.index, d.drafts.map(() => conflicts[next++]?.id as ConflictId)]),
    );
    const results = originations.map((o, index): BatchItemResult => {
      const receivable = o.kind === 'duplicate' ? o.attempted : o.receivable;
      const ids = conflictIdsByItem.get(index);
      return {
        externalRef: receivable.externalRef,
        id: receivable.id,
        created: false,
        ...(ids ? { conflictIds: ids } : {}),
      };
    });
    return refusedAndRecorded(tx, 'DUPLICATE_INVOICE', 'some invoices already back other live receivables', conflicts, {
      results,
    });
  }

  const results: BatchItemResult[] = [];
  const created = [];
  const writes = [];
  for (const o of originations) {
    if (o.kind === 'duplicate') continue; // handled above; kept for the type narrowing
    results.push({ externalRef: o.receivable.externalRef, id: o.receivable.id, created: o.kind === 'created' });
    if (o.kind === 'created') {
      created.push(o.receivable);
      writes.push(...creationWrites(o.receivable, o.claims));
    }
  }
  const event = created.length > 0 ? ledgerEvent('ReceivablesIssued', tx, { receivables: created }) : null;
  return { writes, event, reply: { status: 'DONE', value: { results } } };
}
