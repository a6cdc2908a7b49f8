import { CALLABLE_BY } from '@scf/wire';
import { requireActor } from './access';
import type { LedgerReader } from './ledger-reader';
import { requireRegistered } from './lookups';
import { originate, originationOutcome, type CreatedValue, type OriginationPlan } from './origination';
import type { Outcome } from './outcome';
import { parseClaim } from './requests';
import type { Caller, TxInfo } from './types';

/** A supplier claims a receivable on its debtor; it stays PENDING until the debtor confirms it. */
export async function claim(
  reader: LedgerReader,
  caller: Caller,
  tx: TxInfo,
  raw: string,
): Promise<Outcome<CreatedValue>> {
  const request = parseClaim(raw);
  const creditor = requireActor(caller, CALLABLE_BY.receivables.Claim, ['SUPPLIER']);
  const debtor = await requireRegistered(reader, request.counterparty, '$.debtor', ['CORE']);
  const plan: OriginationPlan = {
    operation: 'claim',
    debtor,
    creditor,
    originator: creditor.id,
    status: 'PENDING',
    request,
  };
  return originationOutcome(tx, plan, await originate(reader, tx, plan), 'ReceivableClaimed');
}
