import { getEventListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EventLog } from '../src/events/event-log';
import { EventListener } from '../src/events/listener';
import type { ChaincodeEventFeed, EventStream, RawChaincodeEvent } from '../src/events/listener';
import type { OrgName } from '../src/types';
import { defined } from './helpers/assertions';
import { startTestApp } from './helpers/harness';
import type { TestApp } from './helpers/harness';
import { readSse } from '../../test/support/sse';

const event = (block: number, tx: string, parties: string[], type = 'ReceivableIssued'): RawChaincodeEvent => ({
  blockNumber: BigInt(block),
  transactionId: tx,
  eventName: type,
  payload: Buffer.from(JSON.stringify({ type, parties, receivableIds: [] })),
});

/** A stream of EVENTS that then fails, the way a dropped connection does. */
function droppingStream(events: RawChaincodeEvent[]): EventStream {
  return {
    close: () => undefined,
    [Symbol.asyncIterator]: () => {
      const pending = events.values();
      return {
        next: () => {
          const step = pending.next();
          return step.done ? Promise.reject(new Error('connection dropped')) : Promise.resolve(step);
        },
      };
    },
  };
}

/** The chain's events; each open() streams those from the start block on, then fails (a dropped connection). */
function fakeFeed(chain: RawChaincodeEvent[]): ChaincodeEventFeed & { opens: bigint[] } {
  const feed = {
    opens: [] as bigint[],
    open(startBlock: bigint): Promise<EventStream> {
      feed.opens.push(startBlock);
      return Promise.resolve(droppingStream(chain.filter((e) => e.blockNumber >= startBlock)));
    },
  };
  return feed;
}

/** A feed whose every open() fails at once, as while the peer is down. */
function downFeed(): ChaincodeEventFeed & { opens: number } {
  const feed = {
    opens: 0,
    open(): Promise<EventStream> {
      feed.opens += 1;
      return Promise.reject(new Error('peer unreachable'));
    },
  };
  return feed;
}

const quiet = { info: () => undefined, warn: () => undefined };
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe('event log and listener', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'scf-events-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs every event once, numbered within its block, across reconnects and restarts', async () => {
    const chain = [event(3, 'a', ['SUP-T1']), event(3, 'b', ['BANK-A']), event(5, 'c', ['SUP-T1'])];
    const file = path.join(dir, 'supplier.jsonl');
    const log = await EventLog.open(file);
    const feed = fakeFeed(chain);
    const listener = new EventListener(feed, log, { startBlock: 0n, logger: quiet, minBackoffMs: 5, maxBackoffMs: 5 });
    listener.start();
    await until(() => feed.opens.length >= 3);
    await listener.stop();
    expect(log.after(undefined).map(({ event: e }) => [e.id, e.txId])).toEqual([
      ['3:0', 'a'],
      ['3:1', 'b'],
      ['5:0', 'c'],
    ]);
    // Each reconnect resumed at the block of the last logged event, not from scratch.
    expect(feed.opens.slice(0, 2)).toEqual([0n, 5n]);
    await log.close();

    // A restart: the chain grew meanwhile, including a second event in the block it had stopped in.
    chain.push(event(5, 'd', ['SUP-T2']), event(8, 'e', []));
    const reopened = await EventLog.open(file);
    const again = new EventListener(fakeFeed(chain), reopened, { startBlock: 0n, logger: quiet, minBackoffMs: 5 });
    again.start();
    await until(() => reopened.after(undefined).length === 5);
    await again.stop();
    expect(reopened.after({ block: 3n, index: 1 }).map(({ event: e }) => e.id)).toEqual(['5:0', '5:1', '8:0']);
    await reopened.close();
  });

  it('keeps at most one abort listener on its signal however many back-offs an outage takes', async () => {
    // The listener's AbortSignal is private: it is found as whatever signal gets an 'abort' listener meanwhile.
    const addListener = jest.spyOn(EventTarget.prototype, 'addEventListener');
    const log = await EventLog.open(path.join(dir, 'down.jsonl'));
    const feed = downFeed();
    const listener = new EventListener(feed, log, { startBlock: 0n, logger: quiet, minBackoffMs: 1, maxBackoffMs: 1 });
    try {
      listener.start();
      await until(() => feed.opens >= 50);
      const signals = new Set(
        addListener.mock.contexts.filter(
          (target, i): target is AbortSignal =>
            target instanceof AbortSignal && addListener.mock.calls[i]?.[0] === 'abort',
        ),
      );
      expect(signals.size).toBeGreaterThan(0);
      for (const signal of signals) expect(getEventListeners(signal, 'abort').length).toBeLessThanOrEqual(1);

      await listener.stop();
      for (const signal of signals) expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    } finally {
      await listener.stop();
      addListener.mockRestore();
      await log.close();
    }
  });

  it('stops at once during a long back-off', async () => {
    const log = await EventLog.open(path.join(dir, 'down.jsonl'));
    const feed = downFeed();
    const listener = new EventListener(feed, log, { startBlock: 0n, logger: quiet, minBackoffMs: 60_000 });
    listener.start();
    await until(() => feed.opens === 1);
    const stopping = Date.now();
    await listener.stop();
    expect(Date.now() - stopping).toBeLessThan(1000);
    expect(feed.opens).toBe(1);
    await log.close();
  });

  it('refuses to append out of order', async () => {
    const log = await EventLog.open(path.join(dir, 'x.jsonl'));
    await log.append({ block: 2n, index: 0 }, { txId: 't', type: 'X', payload: { parties: [] } });
    await expect(
      log.append({ block: 1n, index: 4 }, { txId: 'u', type: 'X', payload: { parties: [] } }),
    ).rejects.toThrow(/not after/);
    await log.close();
  });
});

/** Reads SSE frames until COUNT events arrived (or the timeout), then disconnects. */
async function readEvents(
  t: TestApp,
  as: string,
  count: number,
  lastEventId?: string,
): Promise<Array<{ id: string; type: string }>> {
  const { tokenFor } = await import('./helpers/harness');
  const headers: Record<string, string> = { authorization: `Bearer ${tokenFor(as)}` };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const events = await readSse(`${t.base}/v1/events`, headers, (received) => received.length >= count, 1500);
  return events.map(({ id, type }) => ({ id, type }));
}

describe('GET /v1/events (SSE)', () => {
  let t: TestApp;
  const append = (org: string, block: number, index: number, type: string, parties: string[]) =>
    defined(t.logs.get(org as OrgName), `the event log of ${org}`).append(
      { block: BigInt(block), index },
      { txId: `${block}-${index}`, type, payload: { parties } },
    );

  beforeAll(async () => {
    t = await startTestApp();
    await append('supplier', 4, 0, 'ReceivableIssued', ['CORE-001', 'SUP-T1']);
    await append('supplier', 4, 1, 'ReceivableIssued', ['CORE-001', 'SUP-T2']);
    await append('supplier', 6, 0, 'ReceivableSplit', ['SUP-T1', 'SUP-T2']);
    await append('auditor', 4, 0, 'ReceivableIssued', ['CORE-001', 'SUP-T1']);
    await append('auditor', 4, 1, 'ReceivableIssued', ['CORE-001', 'SUP-T2']);
  });
  afterAll(() => t.close());

  it('replays only the events naming the caller, from its own org stream', async () => {
    expect(await readEvents(t, 'SUP-T1', 2)).toEqual([
      { id: '4:0', type: 'ReceivableIssued' },
      { id: '6:0', type: 'ReceivableSplit' },
    ]);
  });

  it('resumes strictly after Last-Event-ID and then follows live events', async () => {
    const reading = readEvents(t, 'SUP-T2', 2, '4:1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await append('supplier', 9, 0, 'PledgeRequested', ['SUP-T2', 'BANK-A']);
    expect(await reading).toEqual([
      { id: '6:0', type: 'ReceivableSplit' },
      { id: '9:0', type: 'PledgeRequested' },
    ]);
  });

  it('shows auditors everything and refuses a malformed Last-Event-ID', async () => {
    expect((await readEvents(t, 'AUDIT-01', 2)).map((e) => e.id)).toEqual(['4:0', '4:1']);
    const res = await t.request('GET', '/v1/events', { as: 'SUP-T1', headers: { 'last-event-id': 'yesterday' } });
    expect(res.status).toBe(400);
  });
});
