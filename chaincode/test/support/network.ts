// The demo network's identities and parties on a FakeFabric, plus helpers to read SCF_ERROR refusals.
import './quiet-fabric-logs';
import { PartyContract } from '../../src/contract/party-contract';
import { ReceivableContract } from '../../src/contract/receivable-contract';
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

/** Submits a write with a JSON request and parses the canonical reply. */
export const write = async (fabric: FakeFabric, identity: Identity, fn: string, request: unknown): Promise<any> =>
  JSON.parse(await fabric.submit(receivables, fn, identity, JSON.stringify(request)));

export const read = async (fabric: FakeFabric, identity: Identity, fn: string, ...args: string[]): Promise<any> =>
  JSON.parse(await fabric.evaluate(receivables, fn, identity, ...args));

/** The `{code, message, details}` of an SCF_ERROR thrown by the chaincode. */
export async function refusal(
  attempt: Promise<unknown>,
): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await attempt;
  } catch (error) {
    const message = (error as Error).message;
    if (!message.startsWith('SCF_ERROR:')) throw error;
    return JSON.parse(message.slice('SCF_ERROR:'.length));
  }
  throw new Error('expected the chaincode to refuse');
}
