import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
const script = path.join(repoRoot, 'scripts/network.sh');

/** Runs `scripts/network.sh ARGS...`, streaming its log lines to stderr; throws if it fails. */
export function network(...args: string[]): void {
  execFileSync(script, args, { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** True when a complete network is up (its status command exits 0 only then). */
export function networkIsUp(): boolean {
  try {
    execFileSync(script, ['status'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface PeerEndpoint {
  /** The process name under which network.sh tracks this peer. */
  name: string;
  endpoint: string;
  operations: string;
  hostAlias: string;
  tlsRootCertPath: string;
}

export interface CaEndpoint {
  url: string;
  name: string;
  tlsRootCertPath: string;
  registrarHome: string;
}

export interface IdentityEntry {
  org: string;
  mspId: string;
  party: string | null;
  role: string;
  certPath: string;
  keyPath: string;
}

/** The description `network.sh up` writes: endpoints, TLS roots and every demo identity. */
export interface ConnectionDescription {
  channel: string;
  chaincode: string;
  orgs: Record<string, { mspId: string; peer: PeerEndpoint; ca: CaEndpoint }>;
  orderers: Record<string, { endpoint: string; operations: string; hostAlias: string; tlsRootCertPath: string }>;
  identities: Record<string, IdentityEntry>;
}

export function connectionPath(): string {
  const home = process.env.SCF_HOME ?? path.join(repoRoot, '.scf');
  return process.env.SCF_CONNECTION ?? path.join(home, 'connection.json');
}

export function loadConnection(file = connectionPath()): ConnectionDescription {
  return JSON.parse(readFileSync(file, 'utf8')) as ConnectionDescription;
}

/** The orderer that currently leads the channel's Raft cluster, read from the orderers' metrics. */
export async function raftLeader(description: ConnectionDescription): Promise<string | undefined> {
  for (const [name, orderer] of Object.entries(description.orderers)) {
    const metrics = await fetch(`http://${orderer.operations}/metrics`).then(
      (r) => r.text(),
      () => '',
    );
    if (metrics.includes(`consensus_etcdraft_is_leader{channel="${description.channel}"} 1`)) return name;
  }
  return undefined;
}

/** The log file network.sh writes for process NAME (e.g. orderer2). */
export function processLog(name: string): string {
  const home = process.env.SCF_HOME ?? path.join(repoRoot, '.scf');
  return path.join(home, 'logs', `${name}.log`);
}

/** Where the log of NAME ends now: pass it to logSince to read only what the process writes from here on. */
export function logMark(name: string): number {
  try {
    return statSync(processLog(name)).size;
  } catch {
    return 0;
  }
}

/** What NAME has logged since MARK (from logMark). */
export function logSince(name: string, mark: number): string {
  const fd = openSync(processLog(name), 'r');
  try {
    const length = Math.max(0, statSync(processLog(name)).size - mark);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, mark);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Polls CHECK until it resolves without throwing, for at most TIMEOUT_MS. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
