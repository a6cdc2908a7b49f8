// A cross-organisation probe shared by the network tests: the supplier org's admin registers a party through its own
// peer, and BANK-A reads it back through bank1's peer, so a read proves the write was ordered and reached another org.
import { defined } from './defined';
import { connectAs, decode, FabricSession } from './fabric';
import { eventually, type ConnectionDescription } from './network';

export interface Party {
  id: string;
  msp: string;
  kind: string;
}

/** A party id unique to this run, valid for the chaincode's id rule. */
export const uniqueId = (prefix: string): string => `${prefix}-${Date.now().toString(36).toUpperCase()}`;

export interface PartyProbe {
  /** RegisterParty is idempotent, so retrying it while the network recovers cannot register twice. */
  register: (id: string) => Promise<void>;
  readFromBank1: (id: string) => Promise<Party>;
  /** Registers ID and waits (up to TIMEOUT_MS) until bank1's peer serves it: a write committed across orgs. */
  registerAndReadBack: (id: string, timeoutMs?: number) => Promise<Party>;
}

/** Opens the two sessions for the enclosing describe block (on DESCRIPTION, by default the local network's). */
export function usePartyProbe(legalNamePrefix: string, description?: () => ConnectionDescription): PartyProbe {
  let supplierAdmin: FabricSession | undefined;
  let bankA: FabricSession | undefined;
  beforeAll(() => {
    const connection = description?.();
    supplierAdmin = connectAs('supplier-admin', undefined, connection);
    // Reads go through the bank1 organisation's own peer, as one of its companies.
    bankA = connectAs('BANK-A', undefined, connection);
  });
  afterAll(() => {
    supplierAdmin?.close();
    bankA?.close();
  });
  const register = async (id: string): Promise<void> => {
    const request = JSON.stringify({ id, legalName: `${legalNamePrefix} ${id}`, kind: 'SUPPLIER' });
    const session = defined(supplierAdmin, "the supplier admin's session (opened in beforeAll)");
    await session.contract('parties').submitTransaction('RegisterParty', request);
  };
  const readFromBank1 = async (id: string): Promise<Party> => {
    const session = defined(bankA, "BANK-A's session (opened in beforeAll)");
    return decode(await session.contract('parties').evaluateTransaction('GetParty', id)) as Party;
  };
  return {
    register,
    readFromBank1,
    registerAndReadBack: async (id, timeoutMs = 20_000) => {
      await register(id);
      return eventually(() => readFromBank1(id), timeoutMs);
    },
  };
}
