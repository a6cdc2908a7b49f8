// The Ledger over real Fabric: reads evaluate on the caller's own peer; writes go through submitWithRetry.
import type { Metrics } from '../metrics';
import type { IdentityName, OrgName } from '../types';
import type { FabricConnections } from './connection';
import { toApiError, validationCodeName } from './errors';
import type { Committed, Ledger, LedgerCall, PreparedTransaction, SubmitHooks } from './ledger';
import { committedOrThrow, deliver, submitWithRetry } from './submit';

export interface FabricLedgerOptions {
  maxConflictRetries: number;
  metrics: Metrics;
  /** How long close() waits for in-flight submits before closing the connections anyway. */
  drainTimeoutMs?: number;
}

export class FabricLedger implements Ledger {
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly connections: FabricConnections,
    private readonly options: FabricLedgerOptions,
  ) {}

  async evaluate(identity: IdentityName, call: LedgerCall): Promise<string> {
    try {
      const bytes = await this.connections.contract(identity, call.contract).evaluateTransaction(call.fn, ...call.args);
      return Buffer.from(bytes).toString('utf8');
    } catch (err) {
      throw toApiError(err);
    }
  }

  submit(identity: IdentityName, call: LedgerCall, hooks: SubmitHooks = {}): Promise<Committed> {
    return this.#track(call.fn, () =>
      submitWithRetry(this.connections.contract(identity, call.contract), call, {
        maxConflictRetries: this.options.maxConflictRetries,
        onCommitStatus: this.#onCommitStatus(call.fn),
        ...hooks,
      }),
    );
  }

  resume(identity: IdentityName, prepared: PreparedTransaction): Promise<Committed> {
    return this.#track('resume', async () => {
      const transaction = this.connections.gateway(identity).newTransaction(Buffer.from(prepared.envelope, 'base64'));
      const status = await deliver(transaction, this.#onCommitStatus('resume'));
      return committedOrThrow(status, prepared);
    });
  }

  readiness(): Promise<Record<OrgName, boolean>> {
    return this.connections.readiness(2_000);
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

  /** Times the whole write and remembers it until settled, so shutdown can let it finish. */
  async #track<T>(fn: string, work: () => Promise<T>): Promise<T> {
    const stop = this.options.metrics.fabricSubmitSeconds.startTimer({ fn });
    const promise = work();
    this.#inFlight.add(promise);
    try {
      const value = await promise;
      stop({ outcome: 'committed' });
      return value;
    } catch (err) {
      stop({ outcome: toApiError(err).code });
      throw err;
    } finally {
      this.#inFlight.delete(promise);
    }
  }
}
