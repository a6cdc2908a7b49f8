import type { Caller, CalendarDate, Party, PartyId, PartyKind, Role, TxInfo } from '../../src/domain/types';

const party = (id: string, kind: PartyKind, msp: string): Party => ({
  id: id as PartyId,
  legalName: `${id} Ltd`,
  msp,
  kind,
  registeredAt: '2030-01-01T00:00:00.000Z',
});

export const PARTIES = {
  core: party('CORE-001', 'CORE', 'CoreMSP'),
  t1: party('SUP-T1', 'SUPPLIER', 'SupplierMSP'),
  t2: party('SUP-T2', 'SUPPLIER', 'SupplierMSP'),
  t3: party('SUP-T3', 'SUPPLIER', 'SupplierMSP'),
  bankA: party('BANK-A', 'BANK', 'Bank1MSP'),
  bankB: party('BANK-B', 'BANK', 'Bank2MSP'),
  auditor: party('AUDIT-01', 'AUDITOR', 'AuditorMSP'),
} as const;

const ROLE_OF: Record<PartyKind, Role> = { CORE: 'erp', SUPPLIER: 'treasury', BANK: 'credit', AUDITOR: 'auditor' };

export const callerOf = (p: Party, role: Role = ROLE_OF[p.kind]): Caller => ({ msp: p.msp, role, party: p });
export const adminOf = (msp: string): Caller => ({ msp, role: 'admin', party: null });

export const CALLERS = {
  core: callerOf(PARTIES.core),
  t1: callerOf(PARTIES.t1),
  t2: callerOf(PARTIES.t2),
  t3: callerOf(PARTIES.t3),
  bankA: callerOf(PARTIES.bankA),
  bankB: callerOf(PARTIES.bankB),
  auditor: callerOf(PARTIES.auditor),
} as const;

let counter = 0;
/** A transaction on the given day (noon UTC) with a fresh id. */
export function txOn(date: string): TxInfo {
  counter += 1;
  return { txId: `tx${String(counter).padStart(6, '0')}`, at: `${date}T12:00:00.000Z`, date: date as CalendarDate };
}

export const TODAY = '2030-06-01';
export const DUE = '2030-09-30';

/** What an Issue and a Claim request share; Issue adds the creditor, Claim the debtor. */
const originationTerms = (externalRef: string, amount: string, invoiceNumber: string) => ({
  externalRef,
  amount,
  currency: 'EUR',
  dueDate: DUE,
  invoices: [{ number: invoiceNumber, code: 'INV', amount }],
});

export const issueRequest = (externalRef: string, amount = '1000000', invoiceNumber = externalRef) => ({
  ...originationTerms(externalRef, amount, invoiceNumber),
  creditor: 'SUP-T1',
});

export const claimRequest = (externalRef: string, amount = '500') => ({
  ...originationTerms(externalRef, amount, externalRef),
  debtor: 'CORE-001',
});
