// Creating a root receivable, shared by Issue (debtor-issued), IssueBatch and Claim (creditor-claimed).
import { assertNever } from './assert-never';
import { canonicalJson, sha256Hex } from './canonical';
import { duplicateInvoiceDrafts, recordConflicts, refusedAndRecorded, type DuplicateInvoice } from './conflicts';
import { conflictExternalRef, validation } from './errors';
import { ledgerEvent, type EventType } from './events';
import { invoiceFingerprint } from './fingerprints';
import { rootReceivableId } from './ids';
import type { LedgerReader } from './ledger-reader';
import { done, type Outcome, type Write } from './outcome';
import { isLive } from './receivable-state';
import type { OriginationRequest } from './requests';
import type { FingerprintClaim, Party, PartyId, Receivable, TxInfo } from './types';

export interface OriginationPlan {
  operation: 'issue' | 'claim';
  debtor: Party;
  creditor: Party;
  /** The submitting party: with externalRef it makes the idempotency key. */
  originator: PartyId;
  status: 'CONFIRMED' | 'PENDING';
  request: OriginationRequest;
}

export type Origination =
  | { kind: 'existing'; receivable: Receivable }
  | { kind: 'created'; receivable: Receivable; claims: FingerprintClaim[] }
  | { kind: 'duplicate'; attempted: Receivable; duplicates: DuplicateInvoice[] };

export type CreatedValue = Receivable & { created: boolean };

function buildReceivable(plan: OriginationPlan, tx: TxInfo): Receivable {
  const { request, debtor, creditor } = plan;
  const id = rootReceivableId(plan.originator, request.externalRef);
  const requestHash = sha256Hex(
    canonicalJson({ operation: plan.operation, debtor: debtor.id, creditor: creditor.id, ...request }),
  );
  return {
    docType: 'receivable',
    id,
    rootId: id,
    parentId: null,
    depth: 0,
    debtor: debtor.id,
    originalCreditor: creditor.id,
    holder: creditor.id,
    amount: request.amount,
    currency: request.currency,
    issueDate: tx.date,
    dueDate: request.dueDate,
    status: plan.status,
    invoices: request.invoices.map((invoice) => ({
      ...invoice,
      fingerprint: invoiceFingerprint(debtor.id, invoice.code, invoice.number),
    })),
    externalRef: request.externalRef,
    encumbrance: null,
    children: [],
    pledgeCount: 0,
    everTransferred: false,
    everPledged: false,
    settlement: null,
    createdAt: tx.at,
    updatedAt: tx.at,
    requestHash,
  };
}

/** Decides whether the request repeats, creates, or double-finances; reads each fingerprint key (MVCC). */
export async function originate(reader: LedgerReader, tx: TxInfo, plan: OriginationPlan): Promise<Origination> {
  const candidate = buildReceivable(plan, tx);

  const existing = await reader.receivable(candidate.id);
  if (existing) {
    if (existing.requestHash !== candidate.requestHash) {
      throw conflictExternalRef(`externalRef ${plan.request.externalRef} was already used for another request`, {
        externalRef: plan.request.externalRef,
        id: existing.id,
      });
    }
    return { kind: 'existing', receivable: existing };
  }
  if (candidate.dueDate < tx.date) {
    throw validation('dueDate is in the past', { field: '$.dueDate', dueDate: candidate.dueDate, today: tx.date });
  }

  const duplicates: DuplicateInvoice[] = [];
  for (const invoice of candidate.invoices) {
    const claim = await reader.fingerprint(invoice.fingerprint);
    const holder = claim ? await reader.receivable(claim.receivableId) : undefined;
    if (holder && isLive(holder)) duplicates.push({ invoice, existing: holder });
  }
  if (duplicates.length > 0) return { kind: 'duplicate', attempted: candidate, duplicates };

  const claims = candidate.invoices.map((invoice): FingerprintClaim => ({
    docType: 'fingerprint',
    fingerprint: invoice.fingerprint,
    receivableId: candidate.id,
  }));
  return { kind: 'created', receivable: candidate, claims };
}

export const creationWrites = (receivable: Receivable, claims: readonly FingerprintClaim[]): Write[] => [
  { kind: 'receivable', receivable },
  ...claims.map((claim): Write => ({ kind: 'fingerprint', claim })),
];

/** The outcome of a single Issue or Claim. */
export function originationOutcome(
  tx: TxInfo,
  plan: OriginationPlan,
  origination: Origination,
  eventType: Extract<EventType, 'ReceivableIssued' | 'ReceivableClaimed'>,
): Outcome<CreatedValue> {
  switch (origination.kind) {
    case 'existing':
      return done({ ...origination.receivable, created: false }, [], null);
    case 'created': {
      const { receivable, claims } = origination;
      return done(
        { ...receivable, created: true },
        creationWrites(receivable, claims),
        ledgerEvent(eventType, tx, { receivables: [receivable] }),
      );
    }
    case 'duplicate': {
      const drafts = duplicateInvoiceDrafts(origination.attempted, origination.duplicates);
      const conflicts = recordConflicts(tx, plan.originator, drafts);
      return refusedAndRecorded(tx, 'DUPLICATE_INVOICE', 'an invoice already backs another live receivable', conflicts);
    }
    default:
      return assertNever(origination);
  }
}
