// The debtor answers a supplier's claim: confirm makes it tradable, reject frees its invoices.
import { CALLABLE_BY } from '@scf/wire';
import { requireDebtor } from './access';
import { ledgerEvent } from './events';
import type { LedgerReader } from './ledger-reader';
import { requireReceivable } from './lookups';
import { done, type Outcome, type Write } from './outcome';
import { requireStatus, touched } from './receivable-state';
import { parseIdRequest, parseReject } from './requests';
import type { Caller, Receivable, TxInfo } from './types';

export async function confirm(
  reader: LedgerReader,
  caller: Caller,
  tx: TxInfo,
  raw: string,
): Promise<Outcome<Receivable>> {
  const request = parseIdRequest(raw);
  const receivable = await requireReceivable(reader, request.id);
  requireDebtor(caller, receivable, CALLABLE_BY.receivables.Confirm);
  requireStatus(receivable, 'PENDING');
  const confirmed = touched(receivable, tx.at, { status: 'CONFIRMED' });
  return done(
    confirmed,
    [{ kind: 'receivable', receivable: confirmed }],
    ledgerEvent('ReceivableConfirmed', tx, { receivables: [confirmed] }),
  );
}

export async function reject(
  reader: LedgerReader,
  caller: Caller,
  tx: TxInfo,
  raw: string,
): Promise<Outcome<Receivable>> {
  const request = parseReject(raw);
  const receivable = await requireReceivable(reader, request.id);
  requireDebtor(caller, receivable, CALLABLE_BY.receivables.Reject);
  requireStatus(receivable, 'PENDING');
  const rejected = touched(receivable, tx.at, { status: 'REJECTED', rejectionReason: request.reason });
  const writes: Write[] = [{ kind: 'receivable', receivable: rejected }, ...releaseFingerprints(rejected)];
  return done(rejected, writes, ledgerEvent('ReceivableRejected', tx, { receivables: [rejected] }));
}

/** A rejected or cancelled receivable no longer holds its invoices, so they can be financed properly. */
export const releaseFingerprints = (receivable: Receivable): Write[] =>
  receivable.invoices.map((invoice): Write => ({ kind: 'fingerprint-release', fingerprint: invoice.fingerprint }));
