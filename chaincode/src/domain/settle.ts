import { CALLABLE_BY } from '@scf/wire';
import { requireDebtor } from './access';
import { invalidState, notDue } from './errors';
import { ledgerEvent } from './events';
import type { LedgerReader } from './ledger-reader';
import { requirePledge, requireReceivable } from './lookups';
import { done, type Outcome, type Write } from './outcome';
import { requireStatus, touched } from './receivable-state';
import { parseSettle } from './requests';
import { liveLeaves, loadSubtree } from './tree';
import type { Caller, PartyId, Receivable, TxInfo } from './types';

/**
 * The debtor pays on or after the due date. Every live leaf under the id is settled; a pledged leaf pays its
 * bank (the pledge ends SETTLED), any other leaf pays its holder.
 */
export async function settle(
  reader: LedgerReader,
  caller: Caller,
  tx: TxInfo,
  raw: string,
): Promise<Outcome<Receivable[]>> {
  const request = parseSettle(raw);
  const target = await requireReceivable(reader, request.id);
  requireDebtor(caller, target, CALLABLE_BY.receivables.Settle);
  requireStatus(target, 'CONFIRMED', 'SPLIT');
  if (tx.date < target.dueDate)
    throw notDue(`due on ${target.dueDate}`, { id: target.id, dueDate: target.dueDate, today: tx.date });

  const leaves = liveLeaves(await loadSubtree(reader, target.id));
  if (leaves.length === 0) throw invalidState('nothing left to settle under this receivable', { id: target.id });

  const writes: Write[] = [];
  const settled: Receivable[] = [];
  const pledgees: PartyId[] = [];
  for (const leaf of leaves) {
    let payee = leaf.holder;
    if (leaf.encumbrance) {
      const pledge = await requirePledge(reader, leaf.encumbrance.pledgeId);
      payee = pledge.pledgee;
      pledgees.push(pledge.pledgee);
      writes.push({ kind: 'pledge', pledge: { ...pledge, status: 'SETTLED', updatedAt: tx.at } });
    }
    const paid = touched(leaf, tx.at, {
      status: 'SETTLED',
      encumbrance: null,
      settlement: { payee, paymentRef: request.paymentRef, settledAt: tx.at },
    });
    settled.push(paid);
    writes.push({ kind: 'receivable', receivable: paid });
  }
  return done(settled, writes, ledgerEvent('ReceivableSettled', tx, { receivables: settled, parties: pledgees }));
}
