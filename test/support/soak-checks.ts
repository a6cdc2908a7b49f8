// The soak's end: what every client was told, checked against what the ledger holds, through the gateway as the
// auditor and directly through every organisation's own peer.
import { common } from '@hyperledger/fabric-protos';
import type { Conflict, HistoryEntry, Page } from './api';
import { connectAs, type FabricSession } from './fabric';
import type { GatewayProcess } from './gateway-client';
import { type ConnectionDescription, eventually } from './network';
import { type Rng, type SoakClient, type SoakStats, type SseFollower, type WriteRecord } from './soak-driver';
import { precedes, type SseEvent } from './sse';
import type { SoakLedger } from './soak-traffic';

/** One node of GET /v1/receivables/{id}/lineage. */
export interface LineageNode {
  id: string;
  amount: string;
  status: string;
  encumbrance: { pledgeId: string } | null;
  children: LineageNode[];
}

interface StoredReceivable {
  id: string;
  pledgeCount: number;
  status: string;
  encumbrance: { pledgeId: string; status: string } | null;
}

interface StoredConflict extends Conflict {
  kind: string;
  existing: { receivableId: string; pledgeId?: string };
}

const LIVE_PLEDGE = new Set(['PENDING', 'ACTIVE']);

/** Runs CHECK over ITEMS, at most WIDTH at a time. */
async function each<T>(items: readonly T[], width: number, check: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await check(item);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

export class SoakChecks {
  /** What each check looked at, for the summary. */
  readonly counts: Record<string, number> = {};
  #histories = new Map<string, Promise<string[]>>();

  constructor(
    private readonly reader: SoakClient,
    private readonly stats: SoakStats,
    private readonly ledger: SoakLedger,
  ) {}

  #count(what: string, n = 1): void {
    this.counts[what] = (this.counts[what] ?? 0) + n;
  }

  async #get<Body>(path: string): Promise<Body | undefined> {
    const res = await this.reader.read<Body>('AUDIT-01', path);
    if (res.status === 200) return res.body;
    this.stats.anomaly(`check: GET ${path} answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    return undefined;
  }

  #history(id: string): Promise<string[]> {
    let history = this.#histories.get(id);
    if (!history) {
      history = this.#get<HistoryEntry[]>(`/v1/receivables/${id}/history`).then((h) => (h ?? []).map((e) => e.txId));
      this.#histories.set(id, history);
    }
    return history;
  }

  /**
   * Every write answered 200 is on the ledger exactly once: the history of each receivable it wrote holds its txId
   * once. A refused double pledge wrote no receivable: its txId is in no history.
   */
  async writesOnLedger(): Promise<void> {
    const expectations: { id: string; txId: string; times: number; what: string }[] = [];
    for (const record of this.ledger.journal) {
      const what = `${record.identity} POST ${record.path} (key ${record.key})`;
      if (record.status === 200) {
        const { txId, result } = record.response as { txId: string; result: unknown };
        for (const id of writtenIds(record.path, result)) expectations.push({ id, txId, times: 1, what });
      } else if (record.code === 'DOUBLE_PLEDGE') {
        const id = decodeURIComponent(record.path.split('/')[3] ?? '');
        expectations.push({ id, txId: answeredTxId(record) ?? '', times: 0, what });
      }
    }
    await each(expectations, 4, async ({ id, txId, times, what }) => {
      const found = (await this.#history(id)).filter((t) => t === txId).length;
      this.#count('historyChecks');
      if (found !== times) this.stats.anomaly(`check: ${what}: tx ${txId} is ${found} times in ${id}'s history`);
    });
  }

  /**
   * Every split tree conserves its amount (each node's children add up to it, the root to what was issued) and no
   * receivable has two live pledges (the pledges numbered 1..pledgeCount: at most one PENDING or ACTIVE, and it is
   * the one the receivable's lock names).
   */
  async treesAndPledges(): Promise<string[]> {
    const nodes: string[] = [];
    await each([...this.ledger.roots.entries()], 4, async ([rootId, { amount }]) => {
      const lineage = await this.#get<{ consistent: boolean; root: LineageNode }>(`/v1/receivables/${rootId}/lineage`);
      if (!lineage) return;
      this.#count('trees');
      if (!lineage.consistent) this.stats.anomaly(`check: lineage of ${rootId} is not consistent`);
      if (lineage.root.amount !== amount)
        this.stats.anomaly(`check: ${rootId} holds ${lineage.root.amount}, issued for ${amount}`);
      const walk = (node: LineageNode): void => {
        nodes.push(node.id);
        if (node.children.length > 0) {
          const sum = node.children.reduce((s, c) => s + BigInt(c.amount), 0n);
          if (sum !== BigInt(node.amount))
            this.stats.anomaly(`check: children of ${node.id} add up to ${sum.toString()}, not ${node.amount}`);
        }
        node.children.forEach(walk);
      };
      walk(lineage.root);
    });
    this.#count('receivables', nodes.length);
    await each(nodes, 4, async (id) => {
      const receivable = await this.#get<StoredReceivable>(`/v1/receivables/${id}`);
      if (!receivable) return;
      const live: string[] = [];
      for (let n = 1; n <= receivable.pledgeCount; n++) {
        const pledgeId = `${id}~P${n}`;
        const pledge = await this.#get<{ status: string }>(`/v1/pledges/${encodeURIComponent(pledgeId)}`);
        this.#count('pledges');
        if (pledge && LIVE_PLEDGE.has(pledge.status)) live.push(pledgeId);
      }
      const locked = receivable.encumbrance?.pledgeId;
      if (live.length > 1) this.stats.anomaly(`check: ${id} has ${live.length} live pledges: ${live.join(', ')}`);
      if (live[0] !== locked)
        this.stats.anomaly(`check: ${id} is locked by ${String(locked)}, its live pledges are [${live.join(', ')}]`);
    });
    return nodes;
  }

  /** A sample of final answers, asked again with the same Idempotency-Key, is replayed unchanged. */
  async replays(gateway: GatewayProcess, sample: readonly WriteRecord[]): Promise<void> {
    for (const record of sample) {
      const res = await gateway.request(record.identity, 'POST', record.path, { body: record.body, key: record.key });
      this.#count('replays');
      const same = res.status === record.status && JSON.stringify(res.body) === JSON.stringify(record.response);
      if (!same || res.headers.get('idempotent-replayed') !== 'true')
        this.stats.anomaly(
          `check: key ${record.key} replayed ${res.status} ${JSON.stringify(res.body).slice(0, 200)}, first ${record.status}`,
        );
    }
  }

  /** Every 409 DOUBLE_PLEDGE left the conflict records it named, readable by the auditor. */
  async conflicts(): Promise<void> {
    const all = new Map<string, StoredConflict>();
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page: Page<StoredConflict> | undefined = await this.#get(`/v1/conflicts?pageSize=100${query}`);
      if (!page) return;
      for (const c of page.items) all.set(c.id, c);
      cursor = page.nextCursor;
    } while (cursor !== null);
    this.#count('conflictsListed', all.size);
    for (const refusal of this.ledger.refusals) {
      for (const id of refusal.conflictIds) {
        const conflict = all.get(id);
        this.#count('conflictChecks');
        if (conflict?.kind !== 'DOUBLE_PLEDGE' || conflict.existing.receivableId !== refusal.receivableId)
          this.stats.anomaly(`check: conflict ${id} of ${refusal.receivableId}: ${JSON.stringify(conflict)}`);
      }
    }
  }

  /**
   * Each follower received exactly what a fresh replay of its stream holds, in ledger order: no gap, no repeat. The
   * auditor sees every event, so its stream must also hold each transaction a client was told of (200, or a
   * recorded refusal) exactly once.
   */
  async events(gateway: GatewayProcess, follower: SseFollower, until: (e: SseEvent) => boolean): Promise<void> {
    const replay = await gateway.readEvents(follower.identity, (events) => events.some(until), {
      timeoutMs: 120_000,
    });
    const got = follower.events.map((e) => e.id);
    const want = replay.map((e) => e.id);
    this.#count(`events:${follower.identity}`, got.length);
    this.#count(`sessions:${follower.identity}`, follower.sessions);
    if (got.length !== want.length || got.some((id, i) => id !== want[i])) {
      const at = got.findIndex((id, i) => id !== want[i]);
      this.stats.anomaly(
        `check: ${follower.identity} received ${got.length} events, a replay holds ${want.length}; first difference ` +
          `at ${at}: ${String(got[at])} vs ${String(want[at])}`,
      );
    }
    const unordered = got.findIndex((id, i) => i > 0 && !precedes(got[i - 1] ?? '', id));
    if (unordered >= 0)
      this.stats.anomaly(
        `check: ${follower.identity}'s event ${String(got[unordered])} does not follow the one before`,
      );
    if (follower.identity !== 'AUDIT-01') return;
    const seen = new Map<string, number>();
    for (const event of follower.events) {
      const txId = String(event.data.txId);
      seen.set(txId, (seen.get(txId) ?? 0) + 1);
    }
    for (const record of this.ledger.journal) {
      const txId = answeredTxId(record);
      if (txId === undefined) continue;
      this.#count('eventTxChecks');
      if (seen.get(txId) !== 1)
        this.stats.anomaly(
          `check: tx ${txId} (${record.path}) is ${seen.get(txId) ?? 0} times in the auditor's events`,
        );
    }
  }

  /**
   * All peers agree: the same block height (qscc GetChainInfo through each org's own company), and the same value
   * of SAMPLE's receivables, read through each org's peer as the auditor and, where it may read them, as the org's
   * own company.
   */
  async peersAgree(description: ConnectionDescription, sample: readonly string[]): Promise<void> {
    const companies = Object.fromEntries(
      Object.entries(description.identities)
        .filter(([, identity]) => identity.party !== null)
        .map(([name, identity]) => [identity.org, name] as const),
    );
    const sessions: FabricSession[] = [];
    try {
      const orgs = Object.keys(description.orgs);
      const own = orgs.map((org) => connectAs(companies[org] ?? `${org}-admin`, org, description));
      const auditor = orgs.map((org) => connectAs('AUDIT-01', org, description));
      sessions.push(...own, ...auditor);
      const heights = await eventually(async () => {
        const all = await Promise.all(
          own.map(async (s) => {
            const bytes = await s.chaincode('qscc').evaluateTransaction('GetChainInfo', description.channel);
            return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
          }),
        );
        if (new Set(all).size !== 1) throw new Error(`block heights differ: ${all.join(', ')}`);
        return all;
      }, 120_000).catch((err: unknown) => {
        this.stats.anomaly(`check: ${(err as Error).message}`);
        return [];
      });
      this.#count('height', heights[0] ?? 0);
      const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
      for (const id of sample) {
        const values = await Promise.all(
          auditor.map(async (s) => text(await s.contract().evaluateTransaction('GetReceivable', id))),
        );
        const mine = await Promise.all(
          own.map((s) =>
            s
              .contract()
              .evaluateTransaction('GetReceivable', id)
              .then(text, () => undefined),
          ),
        );
        const readable = mine.filter((v): v is string => v !== undefined);
        this.#count('sampleReads', values.length + readable.length);
        if (new Set([...values, ...readable]).size !== 1)
          this.stats.anomaly(`check: peers disagree on ${id}: ${[...values, ...readable].join(' | ').slice(0, 600)}`);
      }
    } finally {
      for (const s of sessions) s.close();
    }
  }
}

/** The transaction a final answer named: a committed write's, or the one that recorded a refusal. */
function answeredTxId(record: WriteRecord): string | undefined {
  if (record.status === 200) return (record.response as { txId: string }).txId;
  if (record.code === 'DOUBLE_PLEDGE')
    return (record.response as { error: { details: { txId: string } } }).error.details.txId;
  return undefined;
}

/** The receivables a committed write wrote, from its path and result. */
function writtenIds(path: string, result: unknown): string[] {
  const parts = path.split('/');
  if (path === '/v1/receivables') return [(result as { id: string }).id];
  if (parts[2] === 'pledges') return [decodeURIComponent(parts[3] ?? '').split('~')[0] ?? ''];
  const id = decodeURIComponent(parts[3] ?? '');
  switch (parts[4]) {
    case 'split':
      return [id, ...(result as { children: { id: string }[] }).children.map((c) => c.id)];
    case 'settle':
      return (result as { id: string }[]).map((r) => r.id);
    default:
      return [id];
  }
}

/** A sample of COUNT items, chosen by RNG. */
export function sampleOf<T>(items: readonly T[], count: number, rng: Rng): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (pool.length > 0 && out.length < count) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0] as T);
  return out;
}
