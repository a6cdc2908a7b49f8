import { defined } from '../support/defined';
import { uniqueId, usePartyProbe } from '../support/party-probe';
import { eventually, loadConnection, network, raftLeader } from '../support/network';

// Each test registers the parties it reads, so each runs alone (`-t`) or in any order.
describe('the local Fabric network', () => {
  const { register, readFromBank1, registerAndReadBack } = usePartyProbe('Network test');

  it("commits a transaction submitted by one org and serves it from another org's peer", async () => {
    const id = uniqueId('NET');
    expect(await registerAndReadBack(id)).toMatchObject({ id, msp: 'SupplierMSP', kind: 'SUPPLIER' });
  });

  it('keeps the data across a crash of one peer and of the Raft leader, and commits again', async () => {
    // Committed, and on bank1's peer, before the crash.
    const first = uniqueId('NET1');
    await registerAndReadBack(first);

    const description = loadConnection();
    const leader = defined(await raftLeader(description), 'a Raft leader before the crash');
    network('kill', defined(description.orgs.bank1, "org 'bank1' in the connection description").peer.name);
    network('kill', leader);
    network('start');
    // Transactions handed to the cluster before a leader exists are dropped, so wait for one.
    await eventually(async () => {
      expect(await raftLeader(description)).toBeDefined();
    });

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
