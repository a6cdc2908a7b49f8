// The Ledger over real Fabric: reads evaluate on the caller's own peer; writes go through submitWithRetry.
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../errors/api-error';
import type { Metrics } from '../metrics';
import type { IdentityName } from '../types';
import type { FabricConnections } from './connection';
import { RETRY_AFTER_SECONDS, toApiError, validationCodeName } from './errors';
import type {
  Committed,
  Ledger,
  LedgerCall,
  OrderingHealth,
  PreparedTransaction,
  Readiness,
  SubmitHooks,
} from './ledger';
import { committedOrThrow, deliver, submitWithRetry } from './submit';

export interface FabricLedgerOptions {
  maxConflictRetries: number;
  metrics: Metrics;
  /** How long close() waits for in-flight submits before closing the connections anyway. */
  drainTimeoutMs?: number;
  /** How long a call with a minimum block waits for the caller's peer to commit it (default 10 s). */
  catchUpTimeoutMs?: number;
}

/** How often the peer's height is asked while waiting for it to catch up. */
const CATCH_UP_POLL_MS = 50;

/** Outcomes of a write that reached the orderers (after endorsement) which mean nothing is being ordered. */
const ORDERING_FAILURES: ReadonlySet<string> = new Set(['COMMIT_PENDING', 'LEDGER_UNAVAILABLE']);

export class FabricLedger implements Ledger {
  readonly #inFlight = new Set<Promise<unknown>>();
  #ordering: OrderingHealth = 'unknown';

  constructor(
    private readonly connections: FabricConnections,
    private readonly options: FabricLedgerOptions,
  ) {}

  async evaluate(identity: IdentityName, call: LedgerCall): Promise<string> {
    await this.#caughtUp(identity, call.minBlock);
    try {
      const bytes = await this.connections.contract(identity, call.contract).evaluateTransaction(call.fn, ...call.args);
      return Buffer.from(bytes).toString('utf8');
    } catch (err) {
      throw toApiError(err);
    }
  }

  submit(identity: IdentityName, call: LedgerCall, hooks: SubmitHooks = {}): Promise<Committed> {
    let ordered = false;
    return this.#track(
      call.fn,
      async () => {
        await this.#caughtUp(identity, call.minBlock);
        return submitWithRetry(this.connections.contract(identity, call.contract), call, {
          maxConflictRetries: this.options.maxConflictRetries,
          onCommitStatus: this.#onCommitStatus(call.fn),
          beforeSubmit: async (prepared) => {
            await hooks.beforeSubmit?.(prepared);
            ordered = true;
          },
        });
      },
      () => ordered,
    );
  }

  resume(identity: IdentityName, prepared: PreparedTransaction): Promise<Committed> {
    return this.#track(
      'resume',
      async () => {
        const transaction = this.connections.gateway(identity).newTransaction(Buffer.from(prepared.envelope, 'base64'));
        const status = await deliver(transaction, this.#onCommitStatus('resume'));
        return committedOrThrow(status, prepared);
      },
      () => true,
    );
  }

  async readiness(): Promise<Readiness> {
    return { peers: await this.connections.readiness(2_000), ordering: this.#ordering };
  }

  /** Waits until the caller's own peer has committed MIN_BLOCK, bounded in time; PEER_BEHIND if it does not. */
  async #caughtUp(identity: IdentityName, minBlock: bigint | undefined): Promise<void> {
    if (minBlock === undefined) return;
    const deadline = Date.now() + (this.options.catchUpTimeoutMs ?? 10_000);
    let height: bigint | undefined;
    for (;;) {
      try {
        height = await this.connections.blockHeight(identity);
        if (height > minBlock) return;
      } catch (err) {
        // A peer that is restarting is the most behind of all: wait for it too, unless it refuses outright.
        const apiError = toApiError(err);
        if (apiError.code !== 'LEDGER_UNAVAILABLE' || Date.now() >= deadline) throw apiError;
      }
      if (Date.now() >= deadline) break;
      await sleep(CATCH_UP_POLL_MS);
    }
    const seen = height === undefined ? 'unknown' : height.toString();
    throw new ApiError(
      'PEER_BEHIND',
      `this organisation's peer has not committed block ${minBlock} yet (its height is ${seen}); retry later`,
      { minBlock: minBlock.toString(), height: seen },
      { 'retry-after': String(RETRY_AFTER_SECONDS) },
    );
  }

  async close(): Promise<void> {
    const drain = Promise.allSettled([...this.#inFlight]);
    const timeout = new Promise((resolve) => setTimeout(resolve, this.options.drainTimeoutMs ?? 30_000).unref());
    await Promise.race([drain, timeout]);
    this.connections.close();
  }

  #onCommitStatus(fn: string) {
    return (seconds: number, status: { code: number }): void => {
      this.options.metrics.fabricCommitSeconds.observe({ fn, status: validationCodeName(status.code) }, seconds);
    };
  }

  /**
   * Times the whole write and remembers it until settled, so shutdown can let it finish. Once the write reached the
   * orderers (REACHED_ORDERER), its outcome also tells whether the channel is ordering: readiness reports it.
   */
  async #track<T>(fn: string, work: () => Promise<T>, reachedOrderer: () => boolean): Promise<T> {
    const stop = this.options.metrics.fabricSubmitSeconds.startTimer({ fn });
    const promise = work();
    this.#inFlight.add(promise);
    try {
      const value = await promise;
      stop({ outcome: 'committed' });
      this.#ordering = 'ok';
      return value;
    } catch (err) {
      const code = toApiError(err).code;
      stop({ outcome: code });
      if (reachedOrderer()) this.#ordering = ORDERING_FAILURES.has(code) ? 'failing' : 'ok';
      throw err;
    } finally {
      this.#inFlight.delete(promise);
    }
  }
}
