import { CALLABLE_BY } from '@scf/wire';
import { requireHolder } from './access';
import { toBigInt } from './amount';
import { doublePledgeDraft, recordConflicts, refusedAndRecorded } from './conflicts';
import { validation } from './errors';
import { ledgerEvent } from './events';
import { pledgeIdFor } from './ids';
import type { LedgerReader } from './ledger-reader';
import { requireReceivable, requireRegistered } from './lookups';
import { done, type Outcome } from './outcome';
import { requireStatus, touched } from './receivable-state';
import { parsePledge } from './requests';
import type { Caller, Pledge, TxInfo } from './types';

/**
 * Locks the receivable for a bank at once (PENDING), before the bank accepts, so it cannot be pledged twice.
 * The encumbrance lives on the receivable key itself: two racing pledges both read and write that key,
 * so Fabric's MVCC validation lets exactly one of them commit.
 */
export async function pledge(reader: LedgerReader, caller: Caller, tx: TxInfo, raw: string): Promise<Outcome<Pledge>> {
  const request = parsePledge(raw);
  const receivable = await requireReceivable(reader, request.id);
  const holder = requireHolder(caller, receivable, CALLABLE_BY.receivables.Pledge);
  requireStatus(receivable, 'CONFIRMED');
  if (request.pledgee === holder.id) throw validation('cannot pledge to yourself', { field: '$.pledgee' });
  await requireRegistered(reader, request.pledgee, '$.pledgee', ['BANK']);
  if (toBigInt(request.securedAmount) > toBigInt(receivable.amount)) {
    throw validation('securedAmount exceeds the receivable amount', {
      field: '$.securedAmount',
      amount: receivable.amount,
    });
  }

  if (receivable.encumbrance) {
    const attempted = {
      receivableId: receivable.id,
      pledgee: request.pledgee,
      securedAmount: request.securedAmount,
      loanRef: request.loanRef,
    };
    const conflicts = recordConflicts(tx, holder.id, [doublePledgeDraft(receivable, attempted)]);
    return refusedAndRecorded(
      tx,
      'DOUBLE_PLEDGE',
      `receivable is already pledged under ${receivable.encumbrance.pledgeId}`,
      conflicts,
    );
  }

  const pledgeCount = receivable.pledgeCount + 1;
  const record: Pledge = {
    docType: 'pledge',
    id: pledgeIdFor(receivable.id, pledgeCount),
    receivableId: receivable.id,
    pledgor: holder.id,
    pledgee: request.pledgee,
    securedAmount: request.securedAmount,
    loanRef: request.loanRef,
    status: 'PENDING',
    createdAt: tx.at,
    updatedAt: tx.at,
  };
  const locked = touched(receivable, tx.at, {
    encumbrance: { pledgeId: record.id, pledgee: record.pledgee, status: 'PENDING', since: tx.at },
    pledgeCount,
    everPledged: true,
  });
  return done(
    record,
    [
      { kind: 'receivable', receivable: locked },
      { kind: 'pledge', pledge: record },
    ],
    ledgerEvent('PledgeRequested', tx, { receivables: [locked], pledgeId: record.id }),
  );
}
