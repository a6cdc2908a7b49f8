// A small but faithful in-memory Fabric peer for contract tests: committed world state with versions,
// sorted composite-key ranges, pagination bookmarks, key history, last-setEvent-wins, and MVCC validation.
import type { Context } from 'fabric-contract-api';
import Long from 'long';

const DELIMITER = '\u0000';
const MAX_RUNE = '\u{10FFFF}';

interface Versioned {
  value: Uint8Array;
  version: number;
}

interface Modification {
  txId: string;
  timestamp: { seconds: Long; nanos: number };
  isDelete: boolean;
  value: Uint8Array;
}

export interface Identity {
  msp: string;
  attributes: Record<string, string>;
}

export interface Simulation {
  txId: string;
  result?: string;
  error?: Error;
  reads: Map<string, number>;
  writes: Map<string, Uint8Array | null>;
  event?: { name: string; payload: string };
  timestamp: { seconds: Long; nanos: number };
}

export type ValidationCode = 'VALID' | 'MVCC_READ_CONFLICT' | 'ENDORSEMENT_FAILURE';

const iterator = <T>(items: T[]) => {
  let index = 0;
  return {
    next: () =>
      Promise.resolve(
        index < items.length
          ? { value: items[index++] as T, done: false }
          : { value: undefined as unknown as T, done: true },
      ),
    close: () => Promise.resolve(),
  };
};

export const createCompositeKey = (objectType: string, attributes: string[]): string =>
  DELIMITER + objectType + DELIMITER + attributes.map((a) => a + DELIMITER).join('');

export class FakeFabric {
  private readonly state = new Map<string, Versioned>();
  private readonly history = new Map<string, Modification[]>();
  private txCounter = 0;
  /** Wall time of the next proposal, ISO. */
  now = '2030-06-01T12:00:00.000Z';
  readonly events: { name: string; payload: string }[] = [];

  /** Endorses a call without committing it, like a peer running the proposal. */
  async simulate(contract: object, fn: string, identity: Identity, args: string[]): Promise<Simulation> {
    this.txCounter += 1;
    const millis = Date.parse(this.now);
    const sim: Simulation = {
      txId: `fake${String(this.txCounter).padStart(8, '0')}`,
      reads: new Map(),
      writes: new Map(),
      timestamp: { seconds: Long.fromNumber(Math.floor(millis / 1000)), nanos: (millis % 1000) * 1_000_000 },
    };
    const ctx = { stub: this.stub(sim), clientIdentity: this.clientIdentity(identity) } as unknown as Context;
    const method = (contract as Record<string, unknown>)[fn];
    if (typeof method !== 'function') throw new Error(`no transaction ${fn}`);
    try {
      sim.result = (await method.call(contract, ctx, ...args)) as string;
    } catch (error) {
      sim.error = error as Error;
    }
    return sim;
  }

  /** Orders and validates: a read whose version changed since endorsement invalidates the transaction. */
  commit(sim: Simulation): ValidationCode {
    if (sim.error) return 'ENDORSEMENT_FAILURE';
    for (const [key, version] of sim.reads) {
      if ((this.state.get(key)?.version ?? 0) !== version) return 'MVCC_READ_CONFLICT';
    }
    for (const [key, value] of sim.writes) {
      const version = (this.state.get(key)?.version ?? 0) + 1;
      if (value === null) this.state.delete(key);
      else this.state.set(key, { value, version });
      const entries = this.history.get(key) ?? [];
      entries.push({
        txId: sim.txId,
        timestamp: sim.timestamp,
        isDelete: value === null,
        value: value ?? new Uint8Array(),
      });
      this.history.set(key, entries);
    }
    if (sim.event) this.events.push(sim.event);
    return 'VALID';
  }

  /** Submit: endorse, then commit; a chaincode error is rethrown and nothing is written. */
  async submit(contract: object, fn: string, identity: Identity, ...args: string[]): Promise<string> {
    const sim = await this.simulate(contract, fn, identity, args);
    if (sim.error) throw sim.error;
    const code = this.commit(sim);
    if (code !== 'VALID') throw new Error(code);
    return sim.result as string;
  }

  /** Evaluate: run without ordering; writes are discarded. */
  async evaluate(contract: object, fn: string, identity: Identity, ...args: string[]): Promise<string> {
    const sim = await this.simulate(contract, fn, identity, args);
    if (sim.error) throw sim.error;
    return sim.result as string;
  }

  get lastEvent(): { name: string; payload: unknown } | undefined {
    const last = this.events.at(-1);
    return last && { name: last.name, payload: JSON.parse(last.payload) as unknown };
  }

  keys(): string[] {
    return [...this.state.keys()].sort();
  }

  private sortedRange(start: string, end: string): [string, Versioned][] {
    return [...this.state.entries()]
      .filter(([key]) => key >= start && key < end)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private clientIdentity(identity: Identity) {
    return {
      getMSPID: () => identity.msp,
      getAttributeValue: (name: string) => identity.attributes[name] ?? null,
      assertAttributeValue: (name: string, value: string) => identity.attributes[name] === value,
      getID: () => `x509::CN=${identity.attributes['scf.party'] ?? 'admin'}::${identity.msp}`,
      getIDBytes: () => new Uint8Array(),
    };
  }

  private stub(sim: Simulation) {
    const kv = ([key, entry]: [string, Versioned]) => ({ namespace: 'receivables', key, value: entry.value });
    const range = (objectType: string, attributes: string[]) => {
      const start = createCompositeKey(objectType, attributes);
      return this.sortedRange(start, start + MAX_RUNE);
    };
    return {
      getTxID: () => sim.txId,
      getTxTimestamp: () => sim.timestamp,
      // Fabric does not read a transaction's own writes: reads always see committed state.
      getState: (key: string) => {
        const entry = this.state.get(key);
        sim.reads.set(key, entry?.version ?? 0);
        return Promise.resolve(entry?.value ?? new Uint8Array());
      },
      putState: (key: string, value: Uint8Array) => {
        if (value.length === 0) return Promise.reject(new Error('fake: empty value would delete the key'));
        sim.writes.set(key, value);
        return Promise.resolve();
      },
      deleteState: (key: string) => {
        sim.writes.set(key, null);
        return Promise.resolve();
      },
      setEvent: (name: string, payload: Uint8Array) => {
        sim.event = { name, payload: Buffer.from(payload).toString('utf8') };
      },
      createCompositeKey,
      splitCompositeKey: (key: string) => {
        const parts = key.split(DELIMITER).slice(1, -1);
        return { objectType: parts[0], attributes: parts.slice(1) };
      },
      getStateByPartialCompositeKey: (objectType: string, attributes: string[]) =>
        Promise.resolve(iterator(range(objectType, attributes).map(kv))),
      getStateByPartialCompositeKeyWithPagination: (
        objectType: string,
        attributes: string[],
        pageSize: number,
        bookmark = '',
      ) => {
        const all = range(objectType, attributes).filter(([key]) => bookmark === '' || key >= bookmark);
        const page = all.slice(0, pageSize);
        const next = all[pageSize]?.[0] ?? '';
        // Like the real shim: an empty page (no records, no bookmark) arrives without metadata.
        const metadata =
          page.length === 0 && next === '' ? undefined : { fetchedRecordsCount: page.length, bookmark: next };
        return Promise.resolve({ iterator: iterator(page.map(kv)), metadata });
      },
      getHistoryForKey: (key: string) => Promise.resolve(iterator([...(this.history.get(key) ?? [])].reverse())),
    };
  }
}

export const identity = (msp: string, attributes: Record<string, string>): Identity => ({ msp, attributes });
