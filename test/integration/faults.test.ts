// Faults on the native network, seen through the REST gateway: a dead peer, a dead chaincode service and a
// full stop/start. Each checks what the API told the caller against what the ledger holds afterwards.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type {
  ApiErrorBody,
  Conflict,
  ConflictDetails,
  HistoryEntry,
  Issued,
  Page,
  Pledge,
  Readiness,
  Written,
} from '../support/api';
import { defined } from '../support/defined';
import { HttpResult, issue, issueRequest, runId, useGateway } from '../support/gateway-client';
import { eventually, loadConnection, network, raftLeader } from '../support/network';
import { mentions, precedes } from '../support/sse';

// A degraded dependency must be reported at once, not after a client-side timeout.
const PROMPT_MS = 20_000;

const timed = async <Body>(call: () => Promise<HttpResult<Body>>): Promise<HttpResult<Body> & { ms: number }> => {
  const started = Date.now();
  const res = await call();
  return { ...res, ms: Date.now() - started };
};

const expectUnavailable = (res: { status: number; headers: Headers; ms: number }): void => {
  expect(res.status).toBe(503);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.ms).toBeLessThan(PROMPT_MS);
};

/** Polls the gateway's idempotency store until every key has reached the `submitting` state. */
async function untilSubmitting(file: string, keys: string[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const records = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { key: string; state: string });
    if (keys.every((key) => records.some((r) => r.key === key && r.state === 'submitting'))) return;
    if (Date.now() > deadline) throw new Error(`the gateway did not submit ${keys.join(', ')} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('faults on the native network, through the gateway', () => {
  const g = useGateway();
  const erp = () => g().as('CORE-001');

  afterEach(() => {
    // Whatever a test killed comes back before the next one (start only restarts what is down).
    network('start');
  });

  /** The txIds of receivable ID's history, as its issuer reads it. */
  const historyTxIds = async (id: string): Promise<string[]> =>
    (await erp().get<HistoryEntry[]>(`/v1/receivables/${id}/history`)).body.map((h) => h.txId);

  it("answers 503 while the core org's peer is down, loses no committed write, and records none it refused", async () => {
    const ref = runId();
    const outcomes: { key: string; id?: string; status: number }[] = [];
    const issue = async (n: number) => {
      const key = `peer-fault-${ref}-${n}`;
      const res = await timed(() =>
        erp().post<Written<Issued>>('/v1/receivables', issueRequest(`${ref}-${n}`, 'SUP-T1', '1000'), { key }),
      );
      outcomes.push({ key, id: res.status === 200 ? res.body.result.id : undefined, status: res.status });
      return res;
    };

    for (let n = 0; n < 3; n++) expect((await issue(n)).status).toBe(200);
    network('kill', defined(loadConnection().orgs.core, "org 'core' in the connection description").peer.name);
    for (let n = 3; n < 6; n++) expectUnavailable(await issue(n));
    network('start');

    for (const outcome of outcomes.filter((o) => o.status === 200)) {
      expect((await erp().get(`/v1/receivables/${defined(outcome.id, 'the id of a 200 answer')}`)).status).toBe(200);
    }
    // Retried with their keys once the peer is back, the refused writes commit now, exactly once: each is newly
    // created by the retry's own transaction, so the refused attempt had written nothing.
    for (const outcome of outcomes.filter((o) => o.status === 503)) {
      const n = outcome.key.split('-').pop();
      // 503 means "retry later": the restarted peer may need a moment to rejoin discovery.
      const retried = await eventually(async () => {
        const res = await erp().post<Written<Issued>>(
          '/v1/receivables',
          issueRequest(`${ref}-${n}`, 'SUP-T1', '1000'),
          { key: outcome.key },
        );
        if (res.status === 503) throw new Error('still recovering');
        return res;
      });
      expect({ status: retried.status, body: retried.body }).toMatchObject({
        status: 200,
        body: { result: { created: true } },
      });
      expect(await historyTxIds(retried.body.result.id)).toEqual([retried.body.txId]);
    }
  });

  it('keeps ordering after the Raft leader dies, answers 503 without a quorum, and commits retries exactly once', async () => {
    const ref = runId();
    const description = loadConnection();
    const firstLeader = defined(await raftLeader(description), 'a Raft leader before the kill');
    network('kill', firstLeader);
    // The two survivors elect a new leader and writes go on.
    const newLeader = await eventually(async () => {
      const leader = await raftLeader(description);
      if (!leader || leader === firstLeader) throw new Error('no new leader yet');
      return leader;
    });
    const during = await eventually(async () => {
      const res = await erp().post<Written<Issued>>('/v1/receivables', issueRequest(`${ref}-a`, 'SUP-T1', '700'), {
        key: `raft-${ref}-a`,
      });
      if (res.status !== 200) throw new Error(`answered ${res.status}`);
      return res;
    });
    expect(during.body.result.created).toBe(true);

    // Without a quorum nothing can be ordered: the API says so at once.
    network('kill', newLeader);
    const key = `raft-${ref}-b`;
    expectUnavailable(
      await timed(() => erp().post('/v1/receivables', issueRequest(`${ref}-b`, 'SUP-T1', '800'), { key })),
    );
    // The peers still answer, but readiness says that nothing is being ordered.
    const unready = await g().request<Readiness>(null, 'GET', '/readyz');
    expect({ status: unready.status, ordering: unready.body.ordering }).toEqual({ status: 503, ordering: 'failing' });

    network('start');
    await eventually(async () => {
      expect(await raftLeader(description)).toBeDefined();
    });
    const retried = await eventually(async () => {
      const res = await erp().post<Written<Issued>>('/v1/receivables', issueRequest(`${ref}-b`, 'SUP-T1', '800'), {
        key,
      });
      if (res.status !== 200) throw new Error(`answered ${res.status}`);
      return res;
    });
    expect(await historyTxIds(retried.body.result.id)).toHaveLength(1);
    const ready = await g().request<Readiness>(null, 'GET', '/readyz');
    expect({ status: ready.status, ordering: ready.body.ordering }).toEqual({ status: 200, ordering: 'ok' });
  });

  it('answers 503 at once while the chaincode service is down, and serves again after a restart without redeploying', async () => {
    const ref = runId();
    network('kill', 'chaincode');
    expectUnavailable(await timed(() => erp().post('/v1/receivables', issueRequest(ref, 'SUP-T1', '2500'))));
    network('start');
    const res = await erp().post('/v1/receivables', issueRequest(ref, 'SUP-T1', '2500'));
    expect(res.status).toBe(200);
  });

  it('resolves writes in flight when the gateway crashes: retries with their keys return one outcome, never a second transaction, and the event stream resumes without gaps', async () => {
    const ref = runId();
    // Where SUP-T1's event stream stands before the crash: read up to the issue of a marker receivable.
    const marker = await issue(g(), 'SUP-T1', '100', `${ref}-m`);
    const session1 = await g().readEvents('SUP-T1', (events) => events.some(mentions(marker.result.id)));

    const keys = [0, 1, 2].map((n) => `crash-${ref}-${n}`);
    const body = (n: number) => issueRequest(`${ref}-${n}`, 'SUP-T1', '4200');
    // Fire the writes and kill the gateway as soon as it has recorded all three as submitted to the orderer:
    // the callers see a broken connection, and the outcome is unknown to the gateway until it resolves it.
    const inFlight = keys.map((key, n) =>
      erp()
        .post('/v1/receivables', body(n), { key })
        .catch(() => undefined),
    );
    await untilSubmitting(path.join(g().stateDir, 'idempotency.jsonl'), keys);
    await g().crash();
    await Promise.all(inFlight);
    await g().launch();

    const ids: string[] = [];
    for (const [n, key] of keys.entries()) {
      const retried = await eventually(async () => {
        const res = await erp().post<Written<Issued>>('/v1/receivables', body(n), { key });
        if (res.status === 503 || res.status === 202 || res.status === 409) throw new Error(`answered ${res.status}`);
        return res;
      });
      expect(retried.status).toBe(200);
      // The same key again gives the same answer, and the ledger holds exactly one transaction for it.
      const again = await erp().post('/v1/receivables', body(n), { key });
      expect(again.body).toEqual(retried.body);
      expect(await historyTxIds(retried.body.result.id)).toEqual([retried.body.txId]);
      ids.push(retried.body.result.id);
    }

    // Resumed after the crash from the last event seen: each issue exactly once, in ledger order, and together
    // with the first session exactly what a fresh replay of the stream holds.
    const session2 = await g().readEvents('SUP-T1', (events) => ids.every((id) => events.some(mentions(id))), {
      lastEventId: defined(session1.at(-1), 'an event before the crash').id,
    });
    for (const id of ids) expect(session2.filter(mentions(id)).map((e) => e.type)).toEqual(['ReceivableIssued']);
    const seen = [...session1, ...session2].map((e) => e.id);
    const last = defined(seen.at(-1), 'an event id');
    const replay = await g().readEvents('SUP-T1', (events) => events.some((e) => e.id === last));
    expect(replay.map((e) => e.id).filter((id) => !precedes(last, id))).toEqual(seen);
  });

  it('keeps every receivable, pledge, conflict and history entry across a full stop and start', async () => {
    const ref = runId();
    const { id } = (await issue(g(), 'SUP-T1', '9000', ref)).result;
    const pledged = await g()
      .as('SUP-T1')
      .post<Written<Pledge>>(`/v1/receivables/${id}/pledges`, {
        pledgee: 'BANK-A',
        securedAmount: '9000',
        loanRef: `L-${ref}`,
      });
    const refused = await g()
      .as('SUP-T1')
      .post<ApiErrorBody<ConflictDetails>>(`/v1/receivables/${id}/pledges`, {
        pledgee: 'BANK-B',
        securedAmount: '1',
        loanRef: `L2-${ref}`,
      });
    expect(pledged.status).toBe(200);
    expect(refused.status).toBe(409);
    const snapshot = async () => ({
      receivable: (await g().as('SUP-T1').get(`/v1/receivables/${id}`)).body,
      pledge: (
        await g()
          .as('BANK-A')
          .get(`/v1/pledges/${encodeURIComponent(pledged.body.result.id)}`)
      ).body,
      history: (await g().as('SUP-T1').get(`/v1/receivables/${id}/history`)).body,
      conflicts: (await g().as('SUP-T1').get<Page<Conflict>>('/v1/conflicts?pageSize=100')).body.items,
    });
    const before = await snapshot();
    expect(before.history).toHaveLength(2);
    expect(before.conflicts.map((c) => c.id)).toEqual(expect.arrayContaining(refused.body.error.details.conflictIds));

    network('stop');
    network('start');

    const after = await snapshot();
    expect(after).toEqual(before);
  });
});
