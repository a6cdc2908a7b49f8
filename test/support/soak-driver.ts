// The soak test's plumbing: a seeded random source, its counters, a client that retries every write with one
// Idempotency-Key until the answer is final, and an SSE follower that resumes with Last-Event-ID across crashes.
import type { ApiErrorBody, Written } from './api';
import type { GatewayProcess, HttpResult } from './gateway-client';
import type { SseEvent } from './sse';

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** How long the soak runs: SCF_SOAK_SECONDS, 600 by default. */
export function soakSeconds(): number {
  const raw = process.env.SCF_SOAK_SECONDS;
  const seconds = raw === undefined || raw === '' ? 600 : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`SCF_SOAK_SECONDS must be a positive number: ${raw}`);
  return seconds;
}

/** SCF_SOAK_SEED to replay a run, or a fresh random one. */
export function soakSeed(): number {
  const raw = process.env.SCF_SOAK_SEED;
  if (raw === undefined || raw === '') return Math.floor(Math.random() * 2 ** 32);
  const seed = Number(raw);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`SCF_SOAK_SEED must be a non-negative integer: ${raw}`);
  return seed;
}

/** A seeded random source (mulberry32): the same seed gives the same schedule of faults and business choices. */
export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }

  /** An integer in [LO, HI]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** A new source for one lane, derived from this one (so lanes do not disturb each other's sequence). */
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 2 ** 32));
  }
}

/** Everything the soak counts; anomalies are broken promises of the API or the ledger, and must stay at zero. */
export class SoakStats {
  operations = 0;
  writes = 0;
  reads = 0;
  retries = 0;
  readonly faults: Record<string, number> = {};
  /** Answers that made a client retry, by status and code. */
  readonly retried: Record<string, number> = {};
  readonly anomalies: string[] = [];

  anomaly(what: string): void {
    this.anomalies.push(what);
    log(`ANOMALY ${what}`);
  }

  fault(kind: string): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
  }

  summary(seed: number, seconds: number, extra: Record<string, unknown>): string {
    return (
      `SOAK seed=${seed} seconds=${seconds} operations=${this.operations} writes=${this.writes} reads=${this.reads} ` +
      `faults=${JSON.stringify(this.faults)} retries=${this.retries} retriedBy=${JSON.stringify(this.retried)} ` +
      `${Object.entries(extra)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ')} anomalies=${this.anomalies.length}`
    );
  }
}

/** One progress line on stderr (Jest's console.log adds a stack frame to every line). */
export function log(line: string): void {
  process.stderr.write(`[soak ${new Date().toISOString().slice(11, 23)}] ${line}\n`);
}

/** A write's final answer, as the client was told it. */
export interface WriteRecord {
  lane: string;
  identity: string;
  path: string;
  body: unknown;
  key: string;
  status: number;
  code?: string;
  response: unknown;
  attempts: number;
}

const RETRIED_409 = new Set(['WRITE_CONTENTION', 'REQUEST_IN_PROGRESS']);
/** A write still running after this long is an anomaly (the API promised an answer or a retryable refusal). */
const WRITE_DEADLINE_MS = 5 * 60_000;
/** One HTTP exchange that takes longer than this is abandoned and retried with the same key. */
const REQUEST_TIMEOUT_MS = 90_000;

const errorCode = (res: HttpResult): string | undefined => {
  const body = res.body as Partial<ApiErrorBody> | null;
  return typeof body === 'object' && body !== null ? body.error?.code : undefined;
};

/** Transient answers: the client must try again with the same key. */
function retryable(res: HttpResult): boolean {
  if (res.status >= 500 || res.status === 202 || res.status === 429) return true;
  return res.status === 409 && RETRIED_409.has(errorCode(res) ?? '');
}

async function withTimeout<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One business client (a lane of the soak): it writes as whichever company acts next, and sends the block of its
 * previous write as `x-scf-min-block`, so every organisation's peer it reaches has seen what it wrote before.
 */
export class SoakClient {
  #minBlock = 0n;
  #keys = 0;

  constructor(
    readonly lane: string,
    private readonly gateway: GatewayProcess,
    private readonly stats: SoakStats,
    private readonly journal: WriteRecord[],
  ) {}

  get minBlock(): bigint {
    return this.#minBlock;
  }

  /** Lets this client wait for another client's writes too (e.g. two racing pledgors). */
  seen(block: bigint): void {
    if (block > this.#minBlock) this.#minBlock = block;
  }

  #headers(): Record<string, string> {
    return this.#minBlock > 0n ? { 'x-scf-min-block': this.#minBlock.toString() } : {};
  }

  async #attempt<Body>(call: () => Promise<HttpResult<Body>>, what: string): Promise<HttpResult<Body>> {
    const deadline = Date.now() + WRITE_DEADLINE_MS;
    for (let attempt = 1; ; attempt++) {
      let res: HttpResult<Body> | undefined;
      let reason: string;
      try {
        res = await withTimeout(call(), REQUEST_TIMEOUT_MS);
        if (!retryable(res)) return res;
        reason = `${res.status}${errorCode(res) === undefined ? '' : ` ${errorCode(res) ?? ''}`}`;
      } catch (err) {
        reason = (err as Error).message.includes('no answer') ? 'timeout' : 'network error';
      }
      this.stats.retries++;
      this.stats.retried[reason] = (this.stats.retried[reason] ?? 0) + 1;
      if (Date.now() > deadline)
        throw new Error(`${what}: no final answer after ${attempt} attempts (last: ${reason})`);
      const retryAfter = Number(res?.headers.get('retry-after') ?? 0);
      const backoff = Math.min(3000, 200 * 2 ** Math.min(attempt, 4));
      await sleep(Math.min(5000, Math.max(retryAfter * 1000, backoff)) * (0.5 + Math.random() / 2));
    }
  }

  /**
   * POSTs BODY to PATH as IDENTITY with one fresh Idempotency-Key, retried with that key until final (200, or a
   * final 4xx). Records the final answer in the journal; a 200 moves this client's min-block forward.
   */
  async write<Result>(identity: string, path: string, body: unknown): Promise<HttpResult<Written<Result>>> {
    const key = `soak-${this.lane}-${++this.#keys}-${Date.now().toString(36)}`;
    let attempts = 0;
    this.stats.operations++;
    this.stats.writes++;
    const res = await this.#attempt(() => {
      attempts++;
      return this.gateway.request<Written<Result>>(identity, 'POST', path, { body, key, headers: this.#headers() });
    }, `${identity} POST ${path}`);
    if (res.status === 200) this.seen(BigInt(res.body.blockNumber));
    this.journal.push({
      lane: this.lane,
      identity,
      path,
      body,
      key,
      status: res.status,
      code: errorCode(res),
      response: res.body,
      attempts,
    });
    return res;
  }

  /** GETs PATH as IDENTITY after this client's last write, retried while the answer is transient. */
  async read<Body>(identity: string, path: string): Promise<HttpResult<Body>> {
    this.stats.operations++;
    this.stats.reads++;
    return this.#attempt(
      () => this.gateway.request<Body>(identity, 'GET', path, { headers: this.#headers() }),
      `${identity} GET ${path}`,
    );
  }
}

/**
 * Follows one company's event stream for the whole soak, in sessions of random length, each resumed with the
 * Last-Event-ID of the last event received; a broken connection (a gateway crash) is resumed the same way.
 */
export class SseFollower {
  readonly events: SseEvent[] = [];
  sessions = 0;
  breaks = 0;
  #until: ((event: SseEvent) => boolean) | undefined;
  #running: Promise<void> | undefined;
  #aborted = false;

  constructor(
    readonly identity: string,
    private readonly gateway: GatewayProcess,
    private readonly rng: Rng,
  ) {}

  start(): void {
    this.#running = this.#follow();
  }

  #finished(): boolean {
    const until = this.#until;
    return this.#aborted || (until !== undefined && this.events.some(until));
  }

  async #follow(): Promise<void> {
    while (!this.#finished()) {
      let received: SseEvent[] = [];
      const lastEventId = this.events.at(-1)?.id;
      const until = this.#until;
      try {
        received = await this.gateway.readEvents(
          this.identity,
          (events) => {
            // The same array readSse fills: kept, so that a broken stream loses none of what it delivered.
            received = events;
            return this.#aborted || (until !== undefined && events.some(until));
          },
          { lastEventId, timeoutMs: this.rng.int(3_000, 25_000) },
        );
      } catch {
        this.breaks++;
        await sleep(500);
      }
      this.events.push(...received);
      this.sessions++;
    }
  }

  /** Ends the follower after its current session, whatever it received (for a failed run's cleanup). */
  async abort(): Promise<void> {
    this.#aborted = true;
    await this.#running;
  }

  /** Ends the follower once it has received an event UNTIL accepts (at most TIMEOUT_MS from now). */
  async finish(until: (event: SseEvent) => boolean, timeoutMs = 120_000): Promise<void> {
    this.#until = until;
    const running = this.#running;
    if (!running) throw new Error('the follower was never started');
    await withTimeout(running, timeoutMs);
  }
}
