// World-state adapter: records as canonical JSON under composite keys, plus the secondary indexes.
import type { ChaincodeStub, Iterators } from 'fabric-shim-api';
import { canonicalJson } from '../domain/canonical';
import type { LedgerReader } from '../domain/ledger-reader';
import { assertNever } from '../domain/assert-never';
import type { Write } from '../domain/outcome';
import type {
  Conflict,
  Fingerprint,
  FingerprintClaim,
  Party,
  PartyId,
  Pledge,
  PledgeId,
  Receivable,
  ReceivableId,
} from '../domain/types';
import { INDEX, INDEX_VALUE, OBJECT } from './keys';
import { timestampToIso } from './tx-info';

export interface Page<T> {
  items: T[];
  bookmark: string;
}

export interface HistoryEntry {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  value: unknown;
}

/** Index entries are one byte each, so large pages are cheap. */
const COUNT_PAGE_SIZE = 1000;

/** The shim types page metadata as always present, but leaves it out of an empty last page (no records, no bookmark). */
const bookmarkOf = (metadata: { bookmark?: string } | undefined): string => metadata?.bookmark ?? '';

const decode = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const encode = (value: unknown): Uint8Array => Buffer.from(canonicalJson(value), 'utf8');

async function drain<T>(iterator: Iterators.CommonIterator<T>): Promise<T[]> {
  const out: T[] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) out.push(next.value);
  } finally {
    await iterator.close();
  }
  return out;
}

export class LedgerState implements LedgerReader {
  /** Receivables as read in this transaction, to know which index entries a write replaces. */
  private readonly loaded = new Map<string, Receivable>();

  constructor(private readonly stub: ChaincodeStub) {}

  key(objectType: string, ...attributes: string[]): string {
    return this.stub.createCompositeKey(objectType, attributes);
  }

  /** getState puts the key in the read set, which is what makes racing writers MVCC-conflict. */
  private async read<T>(key: string): Promise<T | undefined> {
    const bytes = await this.stub.getState(key);
    return bytes.length > 0 ? (JSON.parse(decode(bytes)) as T) : undefined;
  }

  party(id: PartyId): Promise<Party | undefined> {
    return this.read<Party>(this.key(OBJECT.party, id));
  }

  async receivable(id: ReceivableId): Promise<Receivable | undefined> {
    const receivable = await this.read<Receivable>(this.key(OBJECT.receivable, id));
    if (receivable) this.loaded.set(id, receivable);
    return receivable;
  }

  pledge(id: PledgeId): Promise<Pledge | undefined> {
    return this.read<Pledge>(this.key(OBJECT.pledge, id));
  }

  fingerprint(fingerprint: Fingerprint): Promise<FingerprintClaim | undefined> {
    return this.read<FingerprintClaim>(this.key(OBJECT.fingerprint, fingerprint));
  }

  async apply(writes: readonly Write[]): Promise<void> {
    for (const write of writes) {
      switch (write.kind) {
        case 'party':
          await this.stub.putState(this.key(OBJECT.party, write.party.id), encode(write.party));
          break;
        case 'receivable':
          await this.putReceivable(write.receivable);
          break;
        case 'pledge':
          await this.stub.putState(this.key(OBJECT.pledge, write.pledge.id), encode(write.pledge));
          break;
        case 'conflict':
          await this.putConflict(write.conflict);
          break;
        case 'fingerprint':
          await this.stub.putState(this.key(OBJECT.fingerprint, write.claim.fingerprint), encode(write.claim));
          break;
        case 'fingerprint-release':
          await this.stub.deleteState(this.key(OBJECT.fingerprint, write.fingerprint));
          break;
        default:
          assertNever(write);
      }
    }
  }

  private indexKeys(receivable: Receivable): string[] {
    return [
      this.key(INDEX.holder, receivable.holder, receivable.status, receivable.id),
      this.key(INDEX.debtor, receivable.debtor, receivable.status, receivable.id),
    ];
  }

  private async putReceivable(next: Receivable): Promise<void> {
    const previous = this.loaded.get(next.id);
    const stale = previous ? this.indexKeys(previous) : [];
    const fresh = this.indexKeys(next);
    for (const key of stale.filter((k) => !fresh.includes(k))) await this.stub.deleteState(key);
    for (const key of fresh.filter((k) => !stale.includes(k))) await this.stub.putState(key, INDEX_VALUE);
    await this.stub.putState(this.key(OBJECT.receivable, next.id), encode(next));
    this.loaded.set(next.id, next);
  }

  private async putConflict(conflict: Conflict): Promise<void> {
    await this.stub.putState(this.key(OBJECT.conflict, conflict.id), encode(conflict));
    for (const party of conflict.visibleTo) {
      await this.stub.putState(this.key(INDEX.conflictParty, party, conflict.id), INDEX_VALUE);
    }
  }

  /** One page of a composite-key range; index entries are resolved to their records by the last attribute. */
  async page<T>(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark: string,
    recordType: string,
  ): Promise<Page<T>> {
    const { iterator, metadata } = await this.stub.getStateByPartialCompositeKeyWithPagination(
      objectType,
      attributes,
      pageSize,
      bookmark,
    );
    const entries = await drain(iterator);
    const items: T[] = [];
    for (const entry of entries) {
      if (objectType === recordType) {
        items.push(JSON.parse(decode(entry.value)) as T);
        continue;
      }
      const id = this.stub.splitCompositeKey(entry.key).attributes.at(-1);
      const record = id === undefined ? undefined : await this.read<T>(this.key(recordType, id));
      if (record !== undefined) items.push(record);
    }
    return { items, bookmark: bookmarkOf(metadata) };
  }

  /** Entries of a composite-key range, counted page by page so no single range query meets the peer's result limit. */
  async count(objectType: string, attributes: string[]): Promise<number> {
    let total = 0;
    let bookmark = '';
    do {
      const { iterator, metadata } = await this.stub.getStateByPartialCompositeKeyWithPagination(
        objectType,
        attributes,
        COUNT_PAGE_SIZE,
        bookmark,
      );
      total += (await drain(iterator)).length;
      bookmark = bookmarkOf(metadata);
    } while (bookmark !== '');
    return total;
  }

  async all<T>(objectType: string): Promise<T[]> {
    const entries = await drain(await this.stub.getStateByPartialCompositeKey(objectType, []));
    return entries.map((entry) => JSON.parse(decode(entry.value)) as T);
  }

  async history(objectType: string, id: string): Promise<HistoryEntry[]> {
    const entries = await drain(await this.stub.getHistoryForKey(this.key(objectType, id)));
    return entries.map((entry) => ({
      txId: entry.txId,
      timestamp: timestampToIso(entry.timestamp),
      isDelete: entry.isDelete,
      value: entry.isDelete || entry.value.length === 0 ? null : (JSON.parse(decode(entry.value)) as unknown),
    }));
  }
}
