// The same operations through the REST gateway, driven by autocannon with one company's bearer token.
import autocannon from 'autocannon';
import type { RawRun } from './measurement';

export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}

export interface HttpTarget {
  url: string;
  token: string;
  /** Prefix of the Idempotency-Key of each POST, unique per run and operation. */
  keyPrefix: string;
}

export async function httpLoad(
  target: HttpTarget,
  count: number,
  concurrency: number,
  call: (index: number) => HttpCall,
): Promise<RawRun> {
  const latenciesMs: number[] = [];
  const errors: string[] = [];
  let built = 0;
  // From the first request sent to the last answer received: autocannon itself only stops on its 1 s tick.
  let firstSent = 0n;
  let lastAnswered = 0n;
  const options: autocannon.Options = {
    url: target.url,
    connections: Math.min(concurrency, count),
    amount: count,
    timeout: 120,
    requests: [
      {
        setupRequest: (request) => {
          const index = built++;
          if (index === 0) firstSent = process.hrtime.bigint();
          const { method, path, body } = call(index);
          const headers: Record<string, string> = { authorization: `Bearer ${target.token}` };
          if (method === 'POST') {
            headers['content-type'] = 'application/json';
            headers['idempotency-key'] = `${target.keyPrefix}-${index}`;
          }
          return { ...request, method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) };
        },
        onResponse: (status, body) => {
          if (status !== 200) errors.push(`HTTP ${status}: ${body.slice(0, 200)}`);
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err: unknown, done) => {
      if (err) reject(err instanceof Error ? err : new Error('autocannon failed', { cause: err }));
      else resolve(done);
    });
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
      latenciesMs.push(responseTimeMs);
      lastAnswered = process.hrtime.bigint();
    });
  });
  // Timeouts and broken connections (autocannon counts both in `errors`) never produce a response.
  for (let i = 0; i < result.errors; i++) {
    errors.push('connection error or timeout');
    latenciesMs.push(120_000);
  }
  if (result.errors > 0) lastAnswered = process.hrtime.bigint();
  return { latenciesMs, errors, seconds: Number(lastAnswered - firstSent) / 1e9 };
}
