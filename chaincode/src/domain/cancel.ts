import { CALLABLE_BY } from '@scf/wire';
import { requireDebtor } from './access';
import { invalidState } from './errors';
import { ledgerEvent } from './events';
import { releaseFingerprints } from './confirmation';
import type { LedgerReader } from './ledger-reader';
import { requireReceivable } from './lookups';
import { done, type Outcome, type Write } from './outcome';
import { requireStatus, touched } from './receivable-state';
import { parseIdRequest } from './requests';
import type { Caller, Receivable, TxInfo } from './types';

/** The debtor withdraws an issue made in error, only while nobody else has relied on it. */
export async function cancel(
  reader: LedgerReader,
  caller: Caller,
  tx: TxInfo,
  raw: string,
): Promise<Outcome<Receivable>> {
  const request = parseIdRequest(raw);
  const receivable = await requireReceivable(reader, request.id);
  requireDebtor(caller, receivable, CALLABLE_BY.receivables.Cancel);
  requireStatus(receivable, 'CONFIRMED');
  if (receivable.parentId !== null || receivable.everTransferred || receivable.everPledged) {
    throw invalidState('only a root receivable never split, transferred or pledged can be cancelled', {
      id: receivable.id,
    });
  }
  const cancelled = touched(receivable, tx.at, { status: 'CANCELLED' });
  const writes: Write[] = [{ kind: 'receivable', receivable: cancelled }, ...releaseFingerprints(cancelled)];
  return done(cancelled, writes, ledgerEvent('ReceivableCancelled', tx, { receivables: [cancelled] }));
}
