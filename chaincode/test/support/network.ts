// The demo network's identities and parties on a FakeFabric, plus helpers to read SCF_ERROR refusals.
import './quiet-fabric-logs';
import { PartyContract } from '../../src/contract/party-contract';
import { ReceivableContract } from '../../src/contract/receivable-contract';
import { ERROR_PREFIX } from '@scf/wire';
import type { HistoryEntry, Page } from '../../src/contract/state';
import type { BatchItemResult } from '../../src/domain/issue-batch';
import type { Lineage } from '../../src/domain/lineage';
import type { CreatedValue } from '../../src/domain/origination';
import type { ErrorBody, RefusedReply, Reply } from '../../src/domain/outcome';
import type { EncumbranceView } from '../../src/domain/reads';
import type { Conflict, Party, Pledge, Receivable } from '../../src/domain/types';
import { doneValue, refusedReply } from './checks';
import { FakeFabric, identity, type Identity } from './fake-fabric';

export const receivables = new ReceivableContract();
export const parties = new PartyContract();

export const IDS = {
  coreAdmin: identity('CoreMSP', { 'scf.role': 'admin' }),
  supplierAdmin: identity('SupplierMSP', { 'scf.role': 'admin' }),
  bank1Admin: identity('Bank1MSP', { 'scf.role': 'admin' }),
  bank2Admin: identity('Bank2MSP', { 'scf.role': 'admin' }),
  auditorAdmin: identity('AuditorMSP', { 'scf.role': 'admin' }),
  core: identity('CoreMSP', { 'scf.party': 'CORE-001', 'scf.role': 'erp' }),
  t1: identity('SupplierMSP', { 'scf.party': 'SUP-T1', 'scf.role': 'treasury' }),
  t2: identity('SupplierMSP', { 'scf.party': 'SUP-T2', 'scf.role': 'treasury' }),
  t3: identity('SupplierMSP', { 'scf.party': 'SUP-T3', 'scf.role': 'treasury' }),
  bankA: identity('Bank1MSP', { 'scf.party': 'BANK-A', 'scf.role': 'credit' }),
  bankB: identity('Bank2MSP', { 'scf.party': 'BANK-B', 'scf.role': 'credit' }),
  auditor: identity('AuditorMSP', { 'scf.party': 'AUDIT-01', 'scf.role': 'auditor' }),
} as const;

const REGISTRATIONS: [Identity, string, string][] = [
  [IDS.coreAdmin, 'CORE-001', 'CORE'],
  [IDS.supplierAdmin, 'SUP-T1', 'SUPPLIER'],
  [IDS.supplierAdmin, 'SUP-T2', 'SUPPLIER'],
  [IDS.supplierAdmin, 'SUP-T3', 'SUPPLIER'],
  [IDS.bank1Admin, 'BANK-A', 'BANK'],
  [IDS.bank2Admin, 'BANK-B', 'BANK'],
  [IDS.auditorAdmin, 'AUDIT-01', 'AUDITOR'],
];

export async function demoNetwork(): Promise<FakeFabric> {
  const fabric = new FakeFabric();
  for (const [admin, id, kind] of REGISTRATIONS) {
    await fabric.submit(parties, 'RegisterParty', admin, JSON.stringify({ id, legalName: `${id} Ltd`, kind }));
  }
  return fabric;
}

/** What each receivables write answers with when DONE, as its domain rule types it. */
export interface WriteValues {
  Issue: CreatedValue;
  IssueBatch: { results: BatchItemResult[] };
  Claim: CreatedValue;
  Confirm: Receivable;
  Reject: Receivable;
  Split: { parent: Receivable; children: Receivable[] };
  Transfer: Receivable;
  Pledge: Pledge;
  AcceptPledge: Pledge;
  RejectPledge: Pledge;
  ReleasePledge: Pledge;
  Settle: Receivable[];
  Cancel: Receivable;
}

/** A receivable's history: every entry holds the receivable as it was (receivables are never deleted). */
export type ReceivableHistory = (Omit<HistoryEntry, 'value'> & { value: Receivable })[];

/** What each receivables read answers with. */
export interface ReadValues {
  GetReceivable: Receivable;
  ListReceivables: Page<Receivable>;
  CountReceivables: { count: number };
  GetEncumbrance: EncumbranceView;
  GetLineage: Lineage;
  GetHistory: ReceivableHistory;
  GetPledge: Pledge;
  ListConflicts: Page<Conflict>;
}

/** What the party directory answers with. */
export interface PartyAnswers {
  RegisterParty: Reply<Party>;
  GetParty: Party;
  ListParties: Party[];
}

// These accept only names of the contracts' transactions, so a renamed transaction fails to compile here.
type ReceivableTransaction<Name extends keyof ReceivableContract> = Name;
type PartyTransaction<Name extends keyof PartyContract> = Name;
type WriteName = ReceivableTransaction<keyof WriteValues>;
export type ReadName = ReceivableTransaction<keyof ReadValues>;
type PartyName = PartyTransaction<keyof PartyAnswers>;

/** Parses the canonical JSON that transaction `fn` answered, typed as the chaincode declares it. */
export function parseAnswer<F extends WriteName>(fn: F, raw: string): Reply<WriteValues[F]>;
export function parseAnswer<F extends ReadName>(fn: F, raw: string): ReadValues[F];
export function parseAnswer<F extends PartyName>(fn: F, raw: string): PartyAnswers[F];
export function parseAnswer(fn: string, raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new Error(`${fn} answered something that is not JSON: ${raw}`, { cause: error });
  }
}

/** Submits a write with a JSON request and parses the canonical reply (DONE or REFUSED). */
export const write = async <F extends WriteName>(
  fabric: FakeFabric,
  identity: Identity,
  fn: F,
  request: unknown,
): Promise<Reply<WriteValues[F]>> =>
  parseAnswer(fn, await fabric.submit(receivables, fn, identity, JSON.stringify(request)));

/** Like write, but the reply must be DONE; returns its value. */
export const writeDone = async <F extends WriteName>(
  fabric: FakeFabric,
  identity: Identity,
  fn: F,
  request: unknown,
): Promise<WriteValues[F]> => doneValue(await write(fabric, identity, fn, request));

/** Like write, but the reply must be REFUSED (refused and recorded); returns it. */
export const writeRefused = async (
  fabric: FakeFabric,
  identity: Identity,
  fn: WriteName,
  request: unknown,
): Promise<RefusedReply> => refusedReply(await write(fabric, identity, fn, request));

export const read = async <F extends ReadName>(
  fabric: FakeFabric,
  identity: Identity,
  fn: F,
  ...args: string[]
): Promise<ReadValues[F]> => parseAnswer(fn, await fabric.evaluate(receivables, fn, identity, ...args));

/** The `{code, message, details}` of an SCF_ERROR thrown by the chaincode. */
export async function refusal(attempt: Promise<unknown>): Promise<ErrorBody> {
  try {
    await attempt;
  } catch (error) {
    const message = (error as Error).message;
    if (!message.startsWith(ERROR_PREFIX)) throw error;
    return JSON.parse(message.slice(ERROR_PREFIX.length)) as ErrorBody;
  }
  throw new Error('expected the chaincode to refuse');
}
