import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
