// Process entry: wire the real Fabric ledger, stores and event listeners into the app, listen on 127.0.0.1, and on
// SIGTERM/SIGINT stop accepting, let in-flight submits finish, then close the event streams, Gateways and gRPC clients.
import * as path from 'node:path';
import { buildApp } from './app';
import { loadOrCreateSecret } from './auth/secret';
import { loadConfig } from './config';
import { EventHub, listenerIdentity } from './events/event-hub';
import { fabricEventFeed } from './events/fabric-feed';
import { FabricConnections } from './fabric/connection';
import { loadConnectionDescription } from './fabric/connection-description';
import { FabricLedger } from './fabric/fabric-ledger';
import { createLogger } from './http/logger';
import { IdempotencyFileStore } from './idempotency/file-store';
import { createMetrics } from './metrics';
import type { IdentityName, OrgName } from './types';

/** Longest a shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 45_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const description = loadConnectionDescription(config.connectionPath);
  const metrics = createMetrics();
  const connections = new FabricConnections(description);
  const ledger = new FabricLedger(connections, {
    maxConflictRetries: config.maxConflictRetries,
    catchUpTimeoutMs: config.catchUpTimeoutMs,
    metrics,
  });
  const idempotency = await IdempotencyFileStore.open(path.join(config.stateDir, 'idempotency.jsonl'));

  // One listener per org that has an identity to listen as.
  const listeners = new Map<OrgName, IdentityName>();
  for (const org of Object.keys(description.orgs) as OrgName[]) {
    const identity = listenerIdentity(description, org);
    if (identity !== undefined) listeners.set(org, identity);
  }
  const listenerOf = (org: OrgName): IdentityName => {
    const identity = listeners.get(org);
    if (identity === undefined) throw new Error(`no identity to listen as for org ${org}`);
    return identity;
  };
  const events = await EventHub.open(
    config.stateDir,
    [...listeners.keys()],
    (org) => fabricEventFeed(connections, listenerOf(org)),
    { startBlock: config.eventsStartBlock, logger: logger.child({ component: 'events' }) },
  );

  const app = await buildApp({
    description,
    ledger,
    idempotency,
    events,
    jwtSecret: loadOrCreateSecret(config.stateDir),
    metrics,
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    rateLimitPerMinute: config.rateLimitPerMinute,
    docsUi: true,
  });

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      await app.close(); // stops accepting and waits for in-flight requests (and their submits)
      await events.stop();
      await ledger.close(); // waits for any submit still running, then closes Gateways and gRPC clients
      await idempotency.close();
      logger.info('stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  events.start();
  const url = await app.listen({ host: config.host, port: config.port });
  logger.info({ url, docs: `${url}/docs`, tokens: path.join(config.stateDir, 'tokens.json') }, 'gateway listening');
}

main().catch((err: unknown) => {
  // The logger may not exist yet (bad config): report on stderr and fail.
  console.error('gateway failed to start:', err);
  process.exit(1);
});
