// Shared vocabulary of the ledger. Branded strings stop a PartyId being passed where a ReceivableId is expected.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type PartyId = Brand<string, 'PartyId'>;
export type ReceivableId = Brand<string, 'ReceivableId'>;
export type PledgeId = Brand<string, 'PledgeId'>;
export type ConflictId = Brand<string, 'ConflictId'>;
/** Integer minor units as a canonical decimal string; BigInt inside computations. */
export type Amount = Brand<string, 'Amount'>;
/** A real calendar date, YYYY-MM-DD. */
export type CalendarDate = Brand<string, 'CalendarDate'>;
/** Hex sha256 of debtor|code|number. */
export type Fingerprint = Brand<string, 'Fingerprint'>;

import type { ConflictKind, PartyKind, PledgeStatus, ReceivableStatus, Role } from '@scf/wire';

// The vocabulary is the wire contract's, shared with the gateway; re-exported so domain rules import one module.
export { PARTY_KINDS, PLEDGE_STATUSES, RECEIVABLE_STATUSES, ROLES } from '@scf/wire';
export type { ConflictKind, PartyKind, PledgeStatus, ReceivableStatus, Role } from '@scf/wire';

/** Only these pledge states lock the receivable. */
export type EncumbranceStatus = Extract<PledgeStatus, 'PENDING' | 'ACTIVE'>;

export interface Party {
  id: PartyId;
  legalName: string;
  msp: string;
  kind: PartyKind;
  registeredAt: string;
}

export interface Invoice {
  fingerprint: Fingerprint;
  number: string;
  code: string;
  amount: Amount;
}

export interface Encumbrance {
  pledgeId: PledgeId;
  pledgee: PartyId;
  status: EncumbranceStatus;
  since: string;
}

export interface Settlement {
  payee: PartyId;
  paymentRef: string;
  settledAt: string;
}

export interface Receivable {
  docType: 'receivable';
  id: ReceivableId;
  rootId: ReceivableId;
  parentId: ReceivableId | null;
  depth: number;
  debtor: PartyId;
  originalCreditor: PartyId;
  holder: PartyId;
  amount: Amount;
  currency: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  status: ReceivableStatus;
  invoices: Invoice[];
  externalRef: string;
  encumbrance: Encumbrance | null;
  children: ReceivableId[];
  pledgeCount: number;
  everTransferred: boolean;
  everPledged: boolean;
  settlement: Settlement | null;
  /** Set only when the debtor rejected a claim; the spec's record has no other place for the reason. */
  rejectionReason?: string;
  createdAt: string;
  updatedAt: string;
  requestHash: string;
}

export interface Pledge {
  docType: 'pledge';
  id: PledgeId;
  receivableId: ReceivableId;
  pledgor: PartyId;
  pledgee: PartyId;
  securedAmount: Amount;
  loanRef: string;
  status: PledgeStatus;
  createdAt: string;
  updatedAt: string;
}

export interface Conflict {
  docType: 'conflict';
  id: ConflictId;
  kind: ConflictKind;
  attemptedBy: PartyId;
  attemptedAt: string;
  attempted: Record<string, unknown>;
  existing: { receivableId: ReceivableId; pledgeId?: PledgeId; fingerprint?: Fingerprint };
  visibleTo: PartyId[];
}

/** Which live receivable an invoice fingerprint currently backs. */
export interface FingerprintClaim {
  docType: 'fingerprint';
  fingerprint: Fingerprint;
  receivableId: ReceivableId;
}

/** Who is calling, as proven by the certificate (never by arguments). */
export interface Caller {
  msp: string;
  role: Role;
  /** The registered company the certificate belongs to; null for org admins. */
  party: Party | null;
}

/** Facts of the transaction every peer agrees on. */
export interface TxInfo {
  txId: string;
  /** ISO timestamp of the proposal. */
  at: string;
  /** UTC calendar date of `at`. */
  date: CalendarDate;
}
