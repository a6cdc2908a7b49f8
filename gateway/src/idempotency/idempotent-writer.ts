// Every POST runs through here: the same (caller, Idempotency-Key, request) yields the first final response and never a
// second transaction, including after a gateway crash between submit and response.
import { createHash } from 'node:crypto';
import stringify from 'json-stringify-deterministic';
import type { Ledger, LedgerCall, PreparedTransaction } from '../fabric/ledger';
import { ApiError } from '../errors/api-error';
import { errorResponse, renderCommitted } from './write-outcome';
import type { IdentityName } from '../types';
import type { IdempotencyFileStore } from './file-store';
import type { StoredResponse } from './records';
import { recordId } from './records';

export const IDEMPOTENCY_KEY_PATTERN = '^[\\x21-\\x7E]{1,128}$';

export interface WriteRequest {
  identity: IdentityName;
  key: string;
  fingerprint: string;
  call: LedgerCall;
}

export interface WriteResult {
  response: StoredResponse;
  /** True when the response is the stored one of an earlier request with the same key. */
  replayed: boolean;
}

/** Identifies the request a key was first used for: method, path and canonical body. */
export const requestFingerprint = (method: string, url: string, body: unknown): string =>
  createHash('sha256')
    .update(stringify({ method, url, body: body ?? null }))
    .digest('hex');

/**
 * Final outcomes are stored and replayed: whatever the ledger committed (renderCommitted), and a request malformed
 * whatever the ledger holds. Everything else leaves the key free to retry: transient faults (unavailable, pending,
 * contention), and refusals at endorsement, which reflect the endorsing peer's state: that peer may not yet have the
 * block the caller's previous write committed in (e.g. NOT_FOUND for a receivable issued a moment ago elsewhere).
 */
const isFinal = (err: ApiError): boolean => err.code === 'VALIDATION';

export class IdempotentWriter {
  readonly #inFlight = new Set<string>();

  constructor(
    private readonly store: IdempotencyFileStore,
    private readonly ledger: Ledger,
  ) {}

  async write(request: WriteRequest): Promise<WriteResult> {
    const { identity, key, fingerprint } = request;
    const id = recordId(identity, key);
    if (this.#inFlight.has(id)) {
      throw new ApiError('REQUEST_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed', {
        key,
      });
    }
    const existing = this.store.get(identity, key);
    if (existing && existing.fingerprint !== fingerprint) {
      throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used for a different request', {
        key,
      });
    }
    if (existing?.state === 'completed') return { response: existing.response, replayed: true };

    this.#inFlight.add(id);
    try {
      const response = await this.#execute(request, existing?.state === 'submitting' ? existing.prepared : undefined);
      await this.#record(request, { state: 'completed', response });
      return { response, replayed: false };
    } catch (err) {
      if (err instanceof ApiError && isFinal(err)) {
        const response = errorResponse(err);
        await this.#record(request, { state: 'completed', response });
        return { response, replayed: false };
      }
      throw err;
    } finally {
      this.#inFlight.delete(id);
    }
  }

  async #execute(request: WriteRequest, pending: PreparedTransaction | undefined): Promise<StoredResponse> {
    if (pending) {
      try {
        return renderCommitted(await this.ledger.resume(request.identity, pending));
      } catch (err) {
        // Only a transaction that definitely did not commit may be replaced by a new one.
        if (!(err instanceof ApiError && err.code === 'TRANSACTION_INVALID')) throw err;
      }
    }
    const committed = await this.ledger.submit(request.identity, request.call, {
      beforeSubmit: (prepared) => this.#record(request, { state: 'submitting', prepared }),
    });
    return renderCommitted(committed);
  }

  #record(
    request: WriteRequest,
    state: { state: 'submitting'; prepared: PreparedTransaction } | { state: 'completed'; response: StoredResponse },
  ): Promise<void> {
    return this.store.put({
      scope: request.identity,
      key: request.key,
      fingerprint: request.fingerprint,
      at: new Date().toISOString(),
      ...state,
    });
  }
}
