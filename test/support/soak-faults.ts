// The soak's chaos: one fault at a time from a seeded schedule, each followed by a recovery, on the native network of
// SCF_HOME (kills through `network.sh kill`, pauses by SIGSTOP/SIGCONT to the pids its run directory records).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Readiness } from './api';
import type { GatewayProcess } from './gateway-client';
import { type ConnectionDescription, eventually, raftLeader, repoRoot } from './network';
import { log, type Rng, sleep, type SoakStats } from './soak-driver';

export const FAULT_KINDS = ['peer', 'orderer', 'quorum', 'chaincode', 'gateway', 'pause'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Runs `scripts/network.sh ARGS...` without blocking the event loop (the clients keep running meanwhile). */
export function networkAsync(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(repoRoot, 'scripts/network.sh'), args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`network.sh ${args.join(' ')} exited with ${String(code)}`));
    });
  });
}

const runDir = (): string => path.join(process.env.SCF_HOME ?? path.join(repoRoot, '.scf'), 'run');

/**
 * The pid network.sh recorded for process NAME, if it still leads its own session (processes.sh starts each under
 * setsid; a pid that does not lead its session was reused by some other process and must never be signalled).
 */
export function networkPid(name: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(runDir(), `${name}.pid`), 'utf8').trim());
  } catch {
    return undefined;
  }
  try {
    const sid = execFileSync('ps', ['-o', 'sid=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return sid === String(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Injects faults one at a time until a deadline, and can always put everything back. */
export class FaultDriver {
  /** Process groups currently stopped with SIGSTOP. */
  readonly #paused = new Set<number>();
  #gatewayDown = false;
  #stopping = false;

  constructor(
    private readonly rng: Rng,
    private readonly stats: SoakStats,
    private readonly gateway: GatewayProcess,
    private readonly description: ConnectionDescription,
  ) {}

  get peers(): string[] {
    return Object.values(this.description.orgs).map((org) => org.peer.name);
  }

  get orderers(): string[] {
    return Object.keys(this.description.orderers);
  }

  /**
   * Faults until END (epoch ms), each one followed by its recovery and a stretch of undisturbed traffic. The kinds
   * come from a shuffled bag, so every kind occurs once in each round of six.
   */
  async run(end: number): Promise<void> {
    const bag: FaultKind[] = [];
    await sleep(this.rng.int(3_000, 8_000));
    while (Date.now() < end && !this.#stopping) {
      if (bag.length === 0) bag.push(...this.#shuffled());
      const kind = bag.pop() as FaultKind;
      await this.inject(kind);
      await this.recover();
      await sleep(this.rng.int(4_000, 12_000));
    }
  }

  #shuffled(): FaultKind[] {
    const kinds = [...FAULT_KINDS];
    for (let i = kinds.length - 1; i > 0; i--) {
      const j = this.rng.int(0, i);
      [kinds[i], kinds[j]] = [kinds[j] as FaultKind, kinds[i] as FaultKind];
    }
    return kinds;
  }

  /** The current fault is the last one. */
  stop(): void {
    this.#stopping = true;
  }

  async inject(kind: FaultKind): Promise<void> {
    this.stats.fault(kind);
    const hold = this.rng.int(2_000, 8_000);
    switch (kind) {
      case 'peer': {
        const peer = this.rng.pick(this.peers);
        log(`fault: kill ${peer} for ${hold} ms`);
        await networkAsync('kill', peer);
        break;
      }
      case 'orderer': {
        // The Raft leader most of the time: that is the kill that forces an election.
        const leader = await raftLeader(this.description);
        const orderer = leader !== undefined && this.rng.chance(0.7) ? leader : this.rng.pick(this.orderers);
        log(`fault: kill ${orderer}${orderer === leader ? ' (Raft leader)' : ''} for ${hold} ms`);
        await networkAsync('kill', orderer);
        break;
      }
      case 'quorum': {
        const spared = this.rng.pick(this.orderers);
        const killed = this.orderers.filter((o) => o !== spared);
        log(`fault: quorum loss, kill ${killed.join(' and ')} for ${hold} ms`);
        for (const orderer of killed) await networkAsync('kill', orderer);
        break;
      }
      case 'chaincode':
        log(`fault: kill the chaincode service for ${hold} ms`);
        await networkAsync('kill', 'chaincode');
        break;
      case 'gateway':
        log(`fault: SIGKILL the gateway for ${hold} ms`);
        this.#gatewayDown = true;
        await this.gateway.crash();
        break;
      case 'pause': {
        const name = this.rng.pick([...this.peers, ...this.orderers, 'chaincode']);
        const pid = networkPid(name);
        if (pid === undefined) throw new Error(`no live pid recorded for ${name}`);
        log(`fault: SIGSTOP ${name} (pid ${pid}) for ${hold} ms`);
        this.#paused.add(pid);
        process.kill(-pid, 'SIGSTOP');
        break;
      }
    }
    await sleep(hold);
  }

  /** Brings back whatever the last fault took away, and waits until the network can order and serve again. */
  async recover(): Promise<void> {
    this.#resumeAll();
    if (this.#gatewayDown) {
      await this.gateway.launch();
      this.#gatewayDown = false;
    }
    await networkAsync('start');
    await eventually(async () => {
      if ((await raftLeader(this.description)) === undefined) throw new Error('no Raft leader');
      const ready = await this.gateway.request<Readiness>(null, 'GET', '/readyz');
      // Ordering may read "failing" until the next write commits; the peers must all be reachable.
      if (!Object.values(ready.body.peers).every(Boolean)) throw new Error(`peers ${JSON.stringify(ready.body)}`);
    }, 120_000);
    log('recovered');
  }

  #resumeAll(): void {
    for (const pid of this.#paused) {
      log(`SIGCONT pid ${pid}`);
      try {
        process.kill(-pid, 'SIGCONT');
      } catch {
        // The group is gone (it was killed meanwhile): nothing left to resume.
      }
    }
    this.#paused.clear();
  }

  /** For the test's finally: resumes every paused process, restarts the gateway and every killed unit. */
  async restoreAll(): Promise<void> {
    this.#resumeAll();
    if (this.#gatewayDown) {
      await this.gateway.launch();
      this.#gatewayDown = false;
    }
    await networkAsync('start');
  }
}
