// A hermetic Fabric network for one test file: CAs, orderers and peers as containers started here with
// testcontainers, the chaincode service as a host process, all in a fresh SCF_HOME on ports of their own.
// What each container runs comes from `network.sh node-spec` (the launcher's own description of the node),
// and the steps between the starts (certificates, channel, deployment) are `network.sh step`s, so this runs
// what `network.sh up --runtime docker` runs. Every container it started is removed afterwards, also when a
// test or the start-up fails, and the removal is checked.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type Dockerode from 'dockerode';
import { GenericContainer, getContainerRuntimeClient, StartedTestContainer } from 'testcontainers';
import type { WaitStrategy } from 'testcontainers';
import { ConnectionDescription, loadConnection, repoRoot } from './network';

// Ryuk, testcontainers' reaper, is an image that cannot be pulled here: the teardown below removes the containers.
// Without a bridge network there is no gateway to find the host by; with host networking it is loopback.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';

const script = path.join(repoRoot, 'scripts/network.sh');

/** What `network.sh node-spec` prints for one node. */
export interface NodeSpec {
  name: string;
  container: string;
  image: string;
  user: string;
  health: string;
  env: Record<string, string>;
  command: string[];
  labels: Record<string, string>;
  mounts: { source: string; target: string; mode: 'rw' | 'ro' }[];
}

/** Ready once GET /healthz on the node's operations address says OK; fails at once if the container exits. */
class HealthzWait implements WaitStrategy {
  private timeoutMs = 90_000;

  constructor(private readonly address: string) {}

  // The bound ports WaitStrategy passes as well are not needed: the operations address is fixed.
  async waitUntilReady(container: Dockerode.Container): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const body = await fetch(`http://${this.address}/healthz`).then(
        (r) => r.text(),
        () => '',
      );
      if (body.includes('"OK"')) return;
      const state = (await container.inspect()).State;
      if (!state.Running)
        throw new Error(`container exited with ${state.ExitCode} before ${this.address}/healthz was OK`);
      if (Date.now() > deadline) throw new Error(`${this.address}/healthz not OK within ${this.timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  withStartupTimeout(ms: number): this {
    this.timeoutMs = ms;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return true;
  }

  getStartupTimeout(): number {
    return this.timeoutMs;
  }
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

function portsAt(offset: number): number[] {
  const env: NodeJS.ProcessEnv = { ...process.env, SCF_PORT_OFFSET: String(offset) };
  delete env.SCF_GATEWAY_PORT;
  return execFileSync(script, ['ports'], { env, encoding: 'utf8' }).trim().split('\n').map(Number);
}

/**
 * A port offset whose every port is free now and differs from the default network's ports (which a developer's
 * network may take later); SCF_TEST_PORT_OFFSET fixes it.
 */
export async function choosePortOffset(): Promise<number> {
  if (process.env.SCF_TEST_PORT_OFFSET) return Number(process.env.SCF_TEST_PORT_OFFSET);
  const defaults = new Set(portsAt(0));
  for (let offset = 20; offset < 2000; offset += 20) {
    const ports = portsAt(offset);
    if (ports.some((p) => defaults.has(p) || p > 65_535)) continue;
    const free = await Promise.all(ports.map(portFree));
    if (free.every(Boolean)) return offset;
  }
  throw new Error('no port offset with all of its ports free');
}

export class ContainerNetwork {
  private readonly started = new Map<string, StartedTestContainer>();
  private specs = new Map<string, NodeSpec>();

  private constructor(
    readonly home: string,
    readonly offset: number,
    /** Settings for network.sh beyond SCF_HOME and the offset, e.g. SCF_PEER_IMAGE. */
    readonly settings: Record<string, string>,
  ) {}

  /** A network not started yet: hold it before `up()` so that `down()` can clean up after a failed start. */
  static async create(settings: Record<string, string> = {}): Promise<ContainerNetwork> {
    return new ContainerNetwork(
      mkdtempSync(path.join(tmpdir(), 'scf-containers-')),
      await choosePortOffset(),
      settings,
    );
  }

  get env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...this.settings,
      SCF_HOME: this.home,
      SCF_PORT_OFFSET: String(this.offset),
    };
    delete env.SCF_CONNECTION;
    delete env.SCF_GATEWAY_PORT;
    return env;
  }

  /** Runs `network.sh ARGS...` for this network, its log lines on stderr; rejects if it fails. */
  async script(...args: string[]): Promise<void> {
    const child = spawn(script, args, { env: this.env, stdio: ['ignore', 'inherit', 'inherit'] });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c, sig) => {
        resolve([c, sig]);
      });
    });
    if (code !== 0) throw new Error(`network.sh ${args.join(' ')} exited with ${code ?? `signal ${signal}`}`);
  }

  scriptOutput(...args: string[]): string {
    try {
      return execFileSync(script, args, { env: this.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    } catch (err) {
      const { status, signal } = err as { status: number | null; signal: NodeJS.Signals | null };
      throw new Error(`network.sh ${args.join(' ')} exited with ${status ?? `signal ${signal}`}`, { cause: err });
    }
  }

  connection(): ConnectionDescription {
    return loadConnection(path.join(this.home, 'connection.json'));
  }

  containerOf(name: string): StartedTestContainer {
    const container = this.started.get(name);
    if (!container) throw new Error(`no container started for '${name}'`);
    return container;
  }

  spec(name: string): NodeSpec {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`no node '${name}'`);
    return spec;
  }

  nodeNames(kind: 'ca' | 'orderer' | 'peer'): string[] {
    return [...this.specs.keys()].filter((n) => (kind === 'orderer' ? /^orderer\d/.test(n) : n.startsWith(`${kind}-`)));
  }

  /** The whole network: the same order as `network.sh up`, with the node starts done here. */
  async up(): Promise<void> {
    await this.script('step', 'prepare', '--runtime', 'docker');
    for (const spec of JSON.parse(this.scriptOutput('node-spec')) as NodeSpec[]) this.specs.set(spec.name, spec);
    await this.startNodes(this.nodeNames('ca'));
    await this.script('step', 'identities');
    await this.startNodes([...this.nodeNames('orderer'), ...this.nodeNames('peer')]);
    await this.script('step', 'channel');
    await this.script('step', 'deploy');
  }

  private async startNodes(names: string[]): Promise<void> {
    // One at a time: a failed start then leaves no start of another node in flight when down() runs.
    for (const name of names) await this.startNode(name);
  }

  async startNode(name: string): Promise<StartedTestContainer> {
    const spec = this.spec(name);
    const container = await new GenericContainer(spec.image)
      .withName(spec.container)
      .withNetworkMode('host')
      .withUser(spec.user)
      .withEnvironment(spec.env)
      .withCommand(spec.command)
      .withLabels(spec.labels)
      .withBindMounts(spec.mounts)
      .withWaitStrategy(new HealthzWait(spec.health))
      .start();
    this.started.set(name, container);
    return container;
  }

  /** Starts NAME's container again after a stop or a crash (docker kill), with its data; waits until healthy. */
  async restartNode(name: string): Promise<void> {
    const container = this.containerOf(name);
    await container.restart();
    await new HealthzWait(this.spec(name).health).waitUntilReady(await this.dockerContainer(container.getId()));
  }

  async dockerContainer(id: string): Promise<Dockerode.Container> {
    return (await getContainerRuntimeClient()).container.dockerode.getContainer(id);
  }

  /** This network's containers, running or not, found by the label every one of them carries. */
  async remainingContainers(): Promise<string[]> {
    const client = await getContainerRuntimeClient();
    const list = await client.container.dockerode.listContainers({
      all: true,
      filters: { label: [`scf.home=${this.home}`] },
    });
    return list.flatMap((c) => c.Names);
  }

  /**
   * Removes every container started here, then lets `network.sh down` stop the host processes (chaincode
   * service) and remove anything else labelled with this SCF_HOME, and the directory. Throws if a container
   * remains, or if a step failed; every step runs either way.
   */
  async down(): Promise<void> {
    const failures: unknown[] = [];
    for (const [name, container] of [...this.started].reverse()) {
      try {
        await container.stop({ remove: true, timeout: 10_000 });
      } catch (err) {
        failures.push(new Error(`removing ${name}: ${String(err)}`));
      }
    }
    this.started.clear();
    try {
      await this.script('down');
    } catch (err) {
      failures.push(err);
    }
    const remaining = await this.remainingContainers().catch((err: unknown) => [`(could not list: ${String(err)})`]);
    if (remaining.length > 0) failures.push(new Error(`containers left behind: ${remaining.join(' ')}`));
    rmSync(this.home, { recursive: true, force: true });
    if (failures.length > 0) throw new AggregateError(failures, `tearing down ${this.home} failed`);
  }
}

/**
 * The engine is the caller's (.ci/run starts one, or `network.sh up --runtime docker` does): a harness that
 * started dockerd itself could not check, after stopping it, that no container was left.
 */
export async function requireDockerEngine(): Promise<void> {
  try {
    await getContainerRuntimeClient();
  } catch (err) {
    throw new Error(
      `no Docker engine answers (${String(err)}): start one (as root: dockerd --bridge=none --iptables=false ` +
        '--ip6tables=false, or run .ci/run), or set SCF_SKIP_CONTAINER_TESTS=1 outside CI to skip these tests',
      { cause: err },
    );
  }
}

/** Outside CI a developer without Docker may skip the container tests, visibly; CI always runs them. */
export const describeWithDocker: jest.Describe =
  process.env.SCF_SKIP_CONTAINER_TESTS === '1' && process.env.CI !== 'true' ? describe.skip : describe;

/**
 * A hermetic container network for the enclosing describe block, always removed afterwards (jest runs afterAll
 * even when beforeAll or a test failed).
 */
export function useContainerNetwork(): () => ContainerNetwork {
  let network: ContainerNetwork | undefined;
  beforeAll(async () => {
    await requireDockerEngine();
    network = await ContainerNetwork.create();
    await network.up();
  }, 900_000);
  afterAll(async () => {
    await network?.down();
  }, 300_000);
  return () => {
    if (!network) throw new Error('the container network was not created');
    return network;
  };
}
