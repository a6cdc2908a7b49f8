// The network in containers, started for this file alone by the testcontainers harness (its own SCF_HOME and
// ports, so it runs beside any other network), and removed afterwards.
import { describeWithDocker, useContainerNetwork } from '../support/container-network';
import { uniqueId, usePartyProbe } from '../support/party-probe';
import { eventually } from '../support/network';

describeWithDocker('the network in containers (testcontainers)', () => {
  const network = useContainerNetwork();
  const { register, readFromBank1, registerAndReadBack } = usePartyProbe('Container test', () =>
    network().connection(),
  );

  it('runs every CA, orderer and peer as a running container of its configured image, on the host network', async () => {
    const net = network();
    const names = [...net.nodeNames('ca'), ...net.nodeNames('orderer'), ...net.nodeNames('peer')];
    expect(names).toHaveLength(6 + 3 + 5);
    for (const name of names) {
      const info = await (await net.dockerContainer(net.containerOf(name).getId())).inspect();
      expect({
        name,
        running: info.State.Running,
        image: info.Config.Image,
        network: info.HostConfig.NetworkMode,
      }).toEqual({
        name,
        running: true,
        image: net.spec(name).image,
        network: 'host',
      });
    }
    expect(await net.remainingContainers()).toHaveLength(names.length);
  });

  it("commits a transaction submitted by one org and serves it from another org's peer", async () => {
    const id = uniqueId('CTR');
    expect(await registerAndReadBack(id)).toMatchObject({ id, msp: 'SupplierMSP', kind: 'SUPPLIER' });
  });

  it('keeps a peer ledger across a docker kill of its container and a restart, and the peer catches up', async () => {
    // Committed, and on bank1's peer, before the kill.
    const first = uniqueId('CTR1');
    await registerAndReadBack(first);

    const net = network();
    await net.script('kill', 'peer-bank1');
    const killed = await (await net.dockerContainer(net.containerOf('peer-bank1').getId())).inspect();
    expect(killed.State.Running).toBe(false);
    await expect(readFromBank1(first)).rejects.toThrow();

    // Committed while bank1's peer is down: it must catch up from the orderers after the restart. Until the
    // supplier peer's discovery notices that bank1's peer is gone it may still pick it as the second endorser,
    // so the (idempotent) registration is retried.
    const second = uniqueId('CTR2');
    await eventually(() => register(second), 60_000);

    await net.restartNode('peer-bank1');
    expect(await eventually(() => readFromBank1(first))).toMatchObject({ id: first, msp: 'SupplierMSP' });
    expect(await eventually(() => readFromBank1(second))).toMatchObject({ id: second, msp: 'SupplierMSP' });
  });
});
