import { CALLABLE_BY } from '@scf/wire';
import { requireHolder } from './access';
import { sumAmounts, toBigInt } from './amount';
import { invalidState, validation } from './errors';
import { ledgerEvent } from './events';
import { childReceivableId } from './ids';
import type { LedgerReader } from './ledger-reader';
import { requireReceivable, requireRegistered } from './lookups';
import { done, receivableWrites, type Outcome } from './outcome';
import { requireStatus, requireUnencumbered, touched } from './receivable-state';
import { parseSplit } from './requests';
import type { Caller, Receivable, TxInfo } from './types';

/** Bounds the tree so lineage and settlement stay within one transaction's budget. */
export const MAX_DEPTH = 10;

/** Divides a receivable into children whose amounts add up to it exactly; the parent is SPLIT for good. */
export async function split(
  reader: LedgerReader,
  caller: Caller,
  tx: TxInfo,
  raw: string,
): Promise<Outcome<{ parent: Receivable; children: Receivable[] }>> {
  const request = parseSplit(raw);
  const parent = await requireReceivable(reader, request.id);
  requireHolder(caller, parent, CALLABLE_BY.receivables.Split);
  requireStatus(parent, 'CONFIRMED');
  requireUnencumbered(parent);
  if (parent.depth + 1 > MAX_DEPTH) {
    throw invalidState(`splitting deeper than ${MAX_DEPTH} levels is not allowed`, {
      id: parent.id,
      depth: parent.depth,
    });
  }
  const total = sumAmounts(request.parts.map((p) => p.amount));
  if (total !== toBigInt(parent.amount)) {
    throw validation('parts must add up to the receivable amount exactly', {
      field: '$.parts',
      expected: parent.amount,
      actual: total.toString(),
    });
  }
  for (const [index, part] of request.parts.entries()) {
    await requireRegistered(reader, part.holder, `$.parts[${index}].holder`, ['SUPPLIER', 'BANK']);
  }

  const children = request.parts.map((part, index): Receivable => ({
    ...parent,
    id: childReceivableId(parent.id, index + 1),
    parentId: parent.id,
    depth: parent.depth + 1,
    holder: part.holder,
    amount: part.amount,
    status: 'CONFIRMED',
    encumbrance: null,
    children: [],
    pledgeCount: 0,
    everTransferred: part.holder !== parent.holder,
    everPledged: false,
    settlement: null,
    createdAt: tx.at,
    updatedAt: tx.at,
  }));
  const splitParent = touched(parent, tx.at, { status: 'SPLIT', children: children.map((c) => c.id) });
  const all = [splitParent, ...children];
  return done(
    { parent: splitParent, children },
    receivableWrites(all),
    ledgerEvent('ReceivableSplit', tx, { receivables: all }),
  );
}
