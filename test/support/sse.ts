/** The JSON `data` of an event: the receivables it is about, and whatever else the event type carries. */
export interface SseEventData {
  receivableIds?: string[];
  [field: string]: unknown;
}

/** One Server-Sent Event as the gateway frames it: `id`, `event` and a JSON `data` line. */
export interface SseEvent {
  id: string;
  type: string;
  data: SseEventData;
}

/**
 * Reads the SSE stream at URL until DONE says enough or TIMEOUT_MS passes, then disconnects.
 * Returns every event received, in order; a timeout is not an error (the caller checks what arrived).
 */
export async function readSse(
  url: string,
  headers: Record<string, string>,
  done: (events: SseEvent[]) => boolean,
  timeoutMs: number,
): Promise<SseEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => {
    abort.abort();
  }, timeoutMs);
  const events: SseEvent[] = [];
  try {
    const res = await fetch(url, { headers, signal: abort.signal });
    if (res.status !== 200 || !res.body) throw new Error(`SSE answered ${res.status}`);
    if (!/text\/event-stream/.test(res.headers.get('content-type') ?? '')) throw new Error('not an event stream');
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(frame)?.[1];
        const type = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (id && type && data) events.push({ id, type, data: JSON.parse(data) as SseEventData });
      }
      if (done(events)) break;
    }
  } catch (err) {
    if (!abort.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return events;
}

/** True for an event about receivable ID or one of its split pieces. */
export const mentions =
  (id: string) =>
  (event: SseEvent): boolean =>
    (event.data.receivableIds ?? []).some((r) => r === id || r.startsWith(`${id}.`));

/** Event ids are `<block>:<index in block>`: true when event A comes before event B on the ledger. */
export function precedes(a: string, b: string): boolean {
  const [ab, ai] = a.split(':').map(BigInt) as [bigint, bigint];
  const [bb, bi] = b.split(':').map(BigInt) as [bigint, bigint];
  return ab < bb || (ab === bb && ai < bi);
}
