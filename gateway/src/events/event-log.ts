// The gateway's durable copy of one org's chaincode event stream, in ledger order. It is also the stream's
// checkpoint: the listener resumes after its last entry, so the log and the checkpoint can never disagree.
import { JsonLinesFile } from '../storage/json-lines-file';
import type { EventPosition } from './position';
import { comparePositions, formatPosition, parsePosition } from './position';

export interface StoredEvent {
  /** `<block>:<index>`, the SSE event id. */
  id: string;
  txId: string;
  type: string;
  /** The chaincode's payload; `parties` lists who may see it. */
  payload: { parties: string[] } & Record<string, unknown>;
}

export type EventSubscriber = (event: StoredEvent, position: EventPosition) => void;

export interface PositionedEvent {
  event: StoredEvent;
  position: EventPosition;
}

const positioned = (event: StoredEvent): PositionedEvent => {
  const position = parsePosition(event.id);
  if (!position) throw new Error(`event log holds a malformed id '${event.id}'`);
  return { event, position };
};

export class EventLog {
  readonly #subscribers = new Set<EventSubscriber>();

  private constructor(
    private readonly file: JsonLinesFile<StoredEvent>,
    // Kept in memory in full: fine for one org's stream on a demo network; see README (unfinished: rotation).
    private readonly entries: PositionedEvent[],
  ) {}

  static async open(path: string): Promise<EventLog> {
    const { file, records } = await JsonLinesFile.open<StoredEvent>(path);
    return new EventLog(file, records.map(positioned));
  }

  lastPosition(): EventPosition | undefined {
    return this.entries.at(-1)?.position;
  }

  /** Events strictly after POSITION (all of them when undefined), oldest first. */
  after(position: EventPosition | undefined): PositionedEvent[] {
    if (!position) return this.entries.slice();
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const entry = this.entries[mid];
      if (entry && comparePositions(entry.position, position) <= 0) low = mid + 1;
      else high = mid;
    }
    return this.entries.slice(low);
  }

  /** Appends an event that must come after the last one; subscribers hear of it once it is durable. */
  async append(position: EventPosition, event: Omit<StoredEvent, 'id'>): Promise<void> {
    const last = this.lastPosition();
    if (last && comparePositions(position, last) <= 0) {
      throw new Error(`event ${formatPosition(position)} is not after ${formatPosition(last)}`);
    }
    const stored: StoredEvent = { id: formatPosition(position), ...event };
    await this.file.append(stored);
    this.entries.push({ event: stored, position });
    for (const subscriber of this.#subscribers) subscriber(stored, position);
  }

  subscribe(subscriber: EventSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  close(): Promise<void> {
    this.#subscribers.clear();
    return this.file.close();
  }
}
