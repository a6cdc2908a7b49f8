// The harness' promise that a failed start leaves nothing behind: a network whose orderers are given an image
// without the orderer binary (the CA's) fails while starting orderer1, after the six CA containers are up, and
// down() must still remove every container and the network's directory.
import { existsSync } from 'node:fs';
import { ContainerNetwork, describeWithDocker, NodeSpec, requireDockerEngine } from '../support/container-network';
import { defined } from '../support/defined';

describeWithDocker('the container harness after a failed start', () => {
  let network: ContainerNetwork | undefined;
  afterAll(async () => {
    // Only reached with a network still up when an expectation below failed first.
    if (network && existsSync(network.home)) await network.down();
  }, 300_000);

  it('removes every container it started, and the directory, when a node cannot start', async () => {
    await requireDockerEngine();
    // The CA image of this toolchain, from a throwaway home: the tag is a hash of its inputs.
    const probe = await ContainerNetwork.create();
    let caImage: string;
    try {
      await probe.script('step', 'prepare', '--runtime', 'docker');
      const [spec] = JSON.parse(probe.scriptOutput('node-spec', 'ca-core')) as NodeSpec[];
      caImage = defined(spec, "network.sh node-spec's entry for ca-core").image;
    } finally {
      await probe.down();
    }

    network = await ContainerNetwork.create({ SCF_ORDERER_IMAGE: caImage });
    await expect(network.up()).rejects.toThrow(/"orderer": executable file not found/);
    const running = await network.remainingContainers();
    expect(running.length).toBeGreaterThanOrEqual(6);

    await network.down();
    expect(await network.remainingContainers()).toEqual([]);
    expect(existsSync(network.home)).toBe(false);
  }, 600_000);
});
