// Follows one org's chaincode event stream into its EventLog, reconnecting with backoff. It always (re)starts at the
// block of the last logged event and skips what is already logged, so nothing is missed or logged twice.
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventLog } from './event-log';
import { comparePositions } from './position';
import type { EventPosition } from './position';

export interface RawChaincodeEvent {
  blockNumber: bigint;
  transactionId: string;
  eventName: string;
  payload: Uint8Array;
}

export type EventStream = AsyncIterable<RawChaincodeEvent> & { close(): void };

export interface ChaincodeEventFeed {
  /** Every event of the chaincode from the start of START_BLOCK on, in ledger order. */
  open(startBlock: bigint): Promise<EventStream>;
}

export interface ListenerOptions {
  /** Where to start when the log is empty. */
  startBlock: bigint;
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

function parsePayload(bytes: Uint8Array): { parties: string[] } & Record<string, unknown> {
  try {
    const payload = JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>;
    const parties = Array.isArray(payload.parties) ? payload.parties.filter((p) => typeof p === 'string') : [];
    return { ...payload, parties };
  } catch {
    // Unreadable payloads are kept (the log must stay gap-free) but addressed to nobody: only auditors see them.
    return { parties: [] };
  }
}

export class EventListener {
  readonly #abort = new AbortController();
  #stream: EventStream | undefined;
  #loop: Promise<void> | undefined;

  constructor(
    private readonly feed: ChaincodeEventFeed,
    private readonly log: EventLog,
    private readonly options: ListenerOptions,
  ) {}

  start(): void {
    this.#loop ??= this.#run();
  }

  /** A call, not a property read: the flag changes across awaits, which narrowing of a property would not see. */
  #stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    this.#stream?.close();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const min = this.options.minBackoffMs ?? 500;
    const max = this.options.maxBackoffMs ?? 30_000;
    let backoff = min;
    while (!this.#stopped()) {
      const startBlock = this.log.lastPosition()?.block ?? this.options.startBlock;
      try {
        this.#stream = await this.feed.open(startBlock);
        if (this.#stopped()) break;
        this.options.logger.info({ startBlock: startBlock.toString() }, 'chaincode event stream connected');
        if (await this.#consume(this.#stream)) backoff = min;
      } catch (err) {
        if (this.#stopped()) break;
        this.options.logger.warn({ err, retryInMs: backoff }, 'chaincode event stream failed; reconnecting');
      } finally {
        this.#stream?.close();
        this.#stream = undefined;
      }
      await this.#sleep(backoff);
      backoff = Math.min(backoff * 2, max);
    }
  }

  /** Logs what is new in the stream; true when at least one event arrived (the connection was healthy). */
  async #consume(stream: EventStream): Promise<boolean> {
    let received = false;
    let block: bigint | undefined;
    let index = 0;
    for await (const event of stream) {
      received = true;
      // The stream starts at a block boundary, so counting from the block's first event gives stable indexes.
      if (event.blockNumber === block) index += 1;
      else {
        block = event.blockNumber;
        index = 0;
      }
      const position: EventPosition = { block, index };
      const last = this.log.lastPosition();
      if (last && comparePositions(position, last) <= 0) continue;
      await this.log.append(position, {
        txId: event.transactionId,
        type: event.eventName,
        payload: parsePayload(event.payload),
      });
    }
    return received;
  }

  /** Waits MS, or less if stopped meanwhile; the abort listener lives only as long as the wait. */
  async #sleep(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.#abort.signal });
    } catch (err) {
      if (!this.#stopped()) throw err;
    }
  }
}
