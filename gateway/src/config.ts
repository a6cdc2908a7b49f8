// Everything the process reads from its environment, in one place, with the defaults the README documents.
import * as path from 'node:path';

export interface GatewayConfig {
  /** Root of everything the local network generates. */
  scfHome: string;
  connectionPath: string;
  /** The gateway's own state: signing secret, tokens, idempotency store, event logs. */
  stateDir: string;
  host: '127.0.0.1';
  port: number;
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  /** How many times an MVCC/phantom read conflict is re-endorsed as a new transaction. */
  maxConflictRetries: number;
  /** How long a request with the x-scf-min-block header waits for this org's peer to commit that block. */
  catchUpTimeoutMs: number;
  /** First block the event listeners read when they have no log yet. */
  eventsStartBlock: bigint;
  logLevel: string;
}

// Both src/ and dist/ sit two levels below the repository root.
const repoRoot = path.resolve(__dirname, '..', '..');

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got '${raw}'`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const scfHome = path.resolve(env.SCF_HOME ?? path.join(repoRoot, '.scf'));
  const port = positiveInteger(env, 'SCF_GATEWAY_PORT', 8080);
  if (port > 65_535) throw new Error(`SCF_GATEWAY_PORT must be a TCP port, got ${port}`);
  return {
    scfHome,
    connectionPath: path.resolve(env.SCF_CONNECTION ?? path.join(scfHome, 'connection.json')),
    stateDir: path.resolve(env.SCF_GATEWAY_HOME ?? path.join(scfHome, 'gateway')),
    host: '127.0.0.1',
    port,
    bodyLimitBytes: positiveInteger(env, 'SCF_GATEWAY_BODY_LIMIT', 1024 * 1024),
    rateLimitPerMinute: positiveInteger(env, 'SCF_GATEWAY_RATE_LIMIT', 600),
    maxConflictRetries: positiveInteger(env, 'SCF_GATEWAY_CONFLICT_RETRIES', 3),
    catchUpTimeoutMs: positiveInteger(env, 'SCF_GATEWAY_CATCH_UP_TIMEOUT_MS', 10_000),
    eventsStartBlock: BigInt(positiveInteger(env, 'SCF_GATEWAY_EVENTS_START_BLOCK', 0)),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
