import { connectAs, decode, FabricSession } from '../support/fabric';
import { eventually, loadConnection, network, raftLeader } from '../support/network';

// A party id unique to this run, valid for the chaincode's id rule.
const uniqueId = (prefix: string): string => `${prefix}-${Date.now().toString(36).toUpperCase()}`;

interface Party {
  id: string;
  msp: string;
  kind: string;
}

describe('the local Fabric network', () => {
  let supplierAdmin: FabricSession;
  let bankA: FabricSession;
  beforeAll(() => {
    supplierAdmin = connectAs('supplier-admin');
    // Reads go through the bank1 organisation's own peer, as one of its companies.
    bankA = connectAs('BANK-A');
  });
  afterAll(() => {
    supplierAdmin?.close();
    bankA?.close();
  });

  // RegisterParty is idempotent, so retrying it while the network recovers cannot register twice.
  const register = async (id: string): Promise<void> => {
    const request = JSON.stringify({ id, legalName: `Network test ${id}`, kind: 'SUPPLIER' });
    await supplierAdmin.contract('parties').submitTransaction('RegisterParty', request);
  };
  const readFromBank1 = async (id: string): Promise<Party> =>
    decode(await bankA.contract('parties').evaluateTransaction('GetParty', id)) as Party;

  const first = uniqueId('NET');

  it('commits a transaction submitted by one org and serves it from another org\'s peer', async () => {
    await register(first);
    const party = await eventually(() => readFromBank1(first), 20_000);
    expect(party).toMatchObject({ id: first, msp: 'SupplierMSP', kind: 'SUPPLIER' });
  });

  it('keeps the data across a crash of one peer and of the Raft leader, and commits again', async () => {
    const description = loadConnection();
    const leader = await raftLeader(description);
    expect(leader).toBeDefined();

    network('kill', description.orgs.bank1!.peer.name);
    network('kill', leader!);
    network('start');
    // Transactions handed to the cluster before a leader exists are dropped, so wait for one.
    await eventually(async () => expect(await raftLeader(description)).toBeDefined());

    // The restarted peer still serves what it had committed before the crash.
    const before = await eventually(() => readFromBank1(first));
    expect(before).toMatchObject({ id: first, msp: 'SupplierMSP' });

    // A new leader (or the restarted orderer) orders new transactions, and the restarted peer catches up.
    const second = uniqueId('NET2');
    await eventually(() => register(second), 120_000);
    const after = await eventually(() => readFromBank1(second));
    expect(after).toMatchObject({ id: second, msp: 'SupplierMSP' });
  });
});
