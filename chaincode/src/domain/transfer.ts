import { CALLABLE_BY } from '@scf/wire';
import { requireHolder } from './access';
import { validation } from './errors';
import { ledgerEvent } from './events';
import type { LedgerReader } from './ledger-reader';
import { requireReceivable, requireRegistered } from './lookups';
import { done, type Outcome } from './outcome';
import { requireStatus, requireUnencumbered, touched } from './receivable-state';
import { parseTransfer } from './requests';
import type { Caller, Receivable, TxInfo } from './types';

/** Assigns the whole receivable to another supplier or a financier; a pledged one cannot move. */
export async function transfer(
  reader: LedgerReader,
  caller: Caller,
  tx: TxInfo,
  raw: string,
): Promise<Outcome<Receivable>> {
  const request = parseTransfer(raw);
  const receivable = await requireReceivable(reader, request.id);
  const holder = requireHolder(caller, receivable, CALLABLE_BY.receivables.Transfer);
  requireStatus(receivable, 'CONFIRMED');
  requireUnencumbered(receivable);
  if (request.to === holder.id) throw validation('cannot transfer to the current holder', { field: '$.to' });
  await requireRegistered(reader, request.to, '$.to', ['SUPPLIER', 'BANK']);

  const moved = touched(receivable, tx.at, { holder: request.to, everTransferred: true });
  const event = ledgerEvent('ReceivableTransferred', tx, { receivables: [moved], parties: [holder.id] });
  return done(moved, [{ kind: 'receivable', receivable: moved }], event);
}
