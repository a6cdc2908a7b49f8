import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ApiError } from '../src/errors/api-error';
import { IdempotencyFileStore } from '../src/idempotency/file-store';
import { IdempotentWriter, requestFingerprint } from '../src/idempotency/idempotent-writer';
import type { LedgerCall } from '../src/fabric/ledger';
import type { IdentityName } from '../src/types';
import { at } from './helpers/assertions';
import { FakeLedger, done } from './helpers/fake-ledger';

const identity = 'CORE-001' as IdentityName;
const call: LedgerCall = { contract: 'receivables', fn: 'Issue', args: ['{"externalRef":"PO-1"}'] };
const fingerprint = requestFingerprint('POST', '/v1/receivables', { externalRef: 'PO-1' });

describe('idempotency', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'scf-idem-'));
    file = path.join(dir, 'idempotency.jsonl');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('fingerprints requests by method, path and canonical body (key order does not matter)', () => {
    expect(requestFingerprint('POST', '/a', { x: 1, y: 2 })).toBe(requestFingerprint('POST', '/a', { y: 2, x: 1 }));
    expect(requestFingerprint('POST', '/a', { x: 1 })).not.toBe(requestFingerprint('POST', '/b', { x: 1 }));
  });

  it('returns the same response after a restart, without a second transaction', async () => {
    const ledger = new FakeLedger();
    ledger.submitAnswer = () => done({ id: 'R1' });
    const store = await IdempotencyFileStore.open(file);
    const first = await new IdempotentWriter(store, ledger).write({ identity, key: 'k', fingerprint, call });
    await store.close();

    const reopened = await IdempotencyFileStore.open(file);
    const again = await new IdempotentWriter(reopened, ledger).write({ identity, key: 'k', fingerprint, call });
    await reopened.close();
    expect(again).toEqual({ response: first.response, replayed: true });
    expect(first.response).toMatchObject({ statusCode: 200, body: { result: { id: 'R1' } } });
    expect(ledger.submits()).toHaveLength(1);
  });

  it('resolves a transaction recorded before a crash through its txId instead of submitting again', async () => {
    // The crashed process got as far as recording the endorsed transaction.
    const crashed = await IdempotencyFileStore.open(file);
    const prepared = { txId: 'tx-before-crash', envelope: 'ZW52', result: done({ id: 'R1' }) };
    await crashed.put({ scope: identity, key: 'k', fingerprint, at: 'then', state: 'submitting', prepared });
    await crashed.close();

    const ledger = new FakeLedger();
    const store = await IdempotencyFileStore.open(file);
    const result = await new IdempotentWriter(store, ledger).write({ identity, key: 'k', fingerprint, call });
    expect(result.response).toEqual({
      statusCode: 200,
      body: { txId: 'tx-before-crash', blockNumber: '7', result: { id: 'R1' } },
    });
    expect(ledger.calls.map((c) => c.kind)).toEqual(['resume']);
    expect(store.get(identity, 'k')).toMatchObject({ state: 'completed' });
    await store.close();
  });

  it('submits anew only when the recorded transaction definitely did not commit', async () => {
    const store = await IdempotencyFileStore.open(file);
    const prepared = { txId: 'tx-old', envelope: 'ZW52', result: done({}) };
    await store.put({ scope: identity, key: 'k', fingerprint, at: 'then', state: 'submitting', prepared });
    const ledger = new FakeLedger();
    ledger.resumeAnswer = () => Promise.reject(new ApiError('TRANSACTION_INVALID', 'MVCC', { txId: 'tx-old' }));
    await new IdempotentWriter(store, ledger).write({ identity, key: 'k', fingerprint, call });
    expect(ledger.calls.map((c) => c.kind)).toEqual(['resume', 'submit']);

    // Unknown outcome (ledger unreachable): the key stays open for a later retry, nothing is submitted.
    const pending = await IdempotencyFileStore.open(path.join(dir, 'other.jsonl'));
    await pending.put({ scope: identity, key: 'k', fingerprint, at: 'then', state: 'submitting', prepared });
    const down = new FakeLedger();
    down.resumeAnswer = () => Promise.reject(new ApiError('LEDGER_UNAVAILABLE', 'down'));
    await expect(
      new IdempotentWriter(pending, down).write({ identity, key: 'k', fingerprint, call }),
    ).rejects.toMatchObject({
      code: 'LEDGER_UNAVAILABLE',
    });
    expect(down.submits()).toHaveLength(0);
    expect(pending.get(identity, 'k')).toMatchObject({ state: 'submitting' });
    await store.close();
    await pending.close();
  });

  it('replays validation refusals but lets transient failures be retried', async () => {
    const store = await IdempotencyFileStore.open(file);
    const ledger = new FakeLedger();
    const writer = new IdempotentWriter(store, ledger);
    ledger.submitAnswer = () => {
      throw new ApiError('VALIDATION', '$.amount must be a decimal string');
    };
    expect((await writer.write({ identity, key: 'a', fingerprint, call })).response.statusCode).toBe(400);
    expect((await writer.write({ identity, key: 'a', fingerprint, call })).replayed).toBe(true);

    ledger.submitAnswer = () => {
      throw new ApiError('LEDGER_UNAVAILABLE', 'down');
    };
    await expect(writer.write({ identity, key: 'b', fingerprint, call })).rejects.toMatchObject({
      code: 'LEDGER_UNAVAILABLE',
    });
    ledger.submitAnswer = () => done({ ok: true });
    expect((await writer.write({ identity, key: 'b', fingerprint, call })).response.statusCode).toBe(200);
    expect(ledger.submits()).toHaveLength(3);
    await store.close();
  });

  it('never stores a refusal at endorsement as final: the endorsing peer may lag the caller', async () => {
    const store = await IdempotencyFileStore.open(file);
    const ledger = new FakeLedger();
    const writer = new IdempotentWriter(store, ledger);
    // The caller's peer has not yet committed the block that created the receivable.
    ledger.submitAnswer = () => {
      throw new ApiError('NOT_FOUND', 'receivable RCV-1 does not exist');
    };
    await expect(writer.write({ identity, key: 'lag', fingerprint, call })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(store.get(identity, 'lag')).toBeUndefined();
    // Once it has, the same key gets the real answer, not a replayed 404.
    ledger.submitAnswer = () => done({ pledged: true });
    const retried = await writer.write({ identity, key: 'lag', fingerprint, call });
    expect(retried).toMatchObject({ replayed: false, response: { statusCode: 200 } });
    expect(ledger.submits()).toHaveLength(2);
    await store.close();
  });

  it('ignores a torn last line left by a crash and keeps appending readable lines', async () => {
    const store = await IdempotencyFileStore.open(file);
    const response = { statusCode: 200, body: { ok: 1 } };
    await store.put({ scope: identity, key: 'k1', fingerprint, at: 'now', state: 'completed', response });
    await store.close();
    appendFileSync(file, '{"scope":"CORE-001","key":"k2","fing');

    const reopened = await IdempotencyFileStore.open(file);
    await reopened.put({ scope: identity, key: 'k3', fingerprint, at: 'now', state: 'completed', response });
    await reopened.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((line) => at(JSON.parse(line), 'key'))).toEqual(['k1', 'k3']);
    const last = await IdempotencyFileStore.open(file);
    expect(last.get(identity, 'k1')).toBeDefined();
    expect(last.get(identity, 'k2')).toBeUndefined();
    await last.close();
  });
});
