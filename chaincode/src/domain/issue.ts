import { CALLABLE_BY } from '@scf/wire';
import { requireActor } from './access';
import type { LedgerReader } from './ledger-reader';
import { requireRegistered } from './lookups';
import { originate, originationOutcome, type CreatedValue, type OriginationPlan } from './origination';
import type { Outcome } from './outcome';
import { parseIssue, type OriginationRequest } from './requests';
import type { Caller, TxInfo } from './types';

/** The debtor's ERP issues a receivable it owes: confirmed from the start. */
export async function issuePlan(
  reader: LedgerReader,
  caller: Caller,
  request: OriginationRequest,
  field: string,
): Promise<OriginationPlan> {
  const debtor = requireActor(caller, CALLABLE_BY.receivables.Issue, ['CORE']);
  const creditor = await requireRegistered(reader, request.counterparty, `${field}.creditor`, ['SUPPLIER']);
  return { operation: 'issue', debtor, creditor, originator: debtor.id, status: 'CONFIRMED', request };
}

export async function issue(
  reader: LedgerReader,
  caller: Caller,
  tx: TxInfo,
  raw: string,
): Promise<Outcome<CreatedValue>> {
  const plan = await issuePlan(reader, caller, parseIssue(raw), '$');
  return originationOutcome(tx, plan, await originate(reader, tx, plan), 'ReceivableIssued');
}
