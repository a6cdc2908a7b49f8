// Starts the real app (real HTTP on 127.0.0.1, random port) around a fake ledger and temporary stores.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app';
import { claimsFor, signToken } from '../../src/auth/tokens';
import { ERROR_CODES } from '../../src/errors/api-error';
import type { ErrorBody } from '../../src/errors/api-error';
import { EventLog } from '../../src/events/event-log';
import type { EventLogs } from '../../src/events/event-hub';
import { IdempotencyFileStore } from '../../src/idempotency/file-store';
import { createMetrics } from '../../src/metrics';
import type { OrgName } from '../../src/types';
import { description } from './fixtures';
import { FakeLedger } from './fake-ledger';

export const SECRET = Buffer.alloc(32, 7);

export const tokenFor = (name: string, secret: Buffer = SECRET): string =>
  signToken(secret, claimsFor(description, name), 1);

export interface HttpResult {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the text when the body is not JSON; read it with `errorOf` or `at`. */
  body: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isErrorBody = (body: unknown): body is ErrorBody =>
  isRecord(body) &&
  isRecord(body.error) &&
  (ERROR_CODES as readonly unknown[]).includes(body.error.code) &&
  typeof body.error.message === 'string' &&
  isRecord(body.error.details);

/** The `error` of a response in the API's error shape; fails the test when the body has another shape. */
export function errorOf(res: HttpResult): ErrorBody['error'] {
  if (!isErrorBody(res.body)) throw new Error(`HTTP ${res.status} has no error body: ${JSON.stringify(res.body)}`);
  return res.body.error;
}

export interface TestApp {
  app: FastifyInstance;
  base: string;
  ledger: FakeLedger;
  stateDir: string;
  logs: Map<OrgName, EventLog>;
  request(
    method: string,
    url: string,
    options?: {
      as?: string;
      token?: string;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
      key?: string;
    },
  ): Promise<HttpResult>;
  close(): Promise<void>;
}

let keyCounter = 0;

export async function startTestApp(
  options: { stateDir?: string; ledger?: FakeLedger; rateLimitPerMinute?: number } = {},
): Promise<TestApp> {
  const stateDir = options.stateDir ?? mkdtempSync(path.join(tmpdir(), 'scf-gateway-test-'));
  const ledger = options.ledger ?? new FakeLedger();
  const idempotency = await IdempotencyFileStore.open(path.join(stateDir, 'idempotency.jsonl'));
  const logs = new Map<OrgName, EventLog>();
  for (const org of Object.keys(description.orgs) as OrgName[]) {
    logs.set(org, await EventLog.open(path.join(stateDir, 'events', `${org}.jsonl`)));
  }
  const events: EventLogs = { logFor: (org) => logs.get(org) };
  const app = await buildApp({
    description,
    ledger,
    idempotency,
    events,
    jwtSecret: SECRET,
    metrics: createMetrics({ processMetrics: false }),
    logger: pino({ level: 'silent' }),
    bodyLimitBytes: 64 * 1024,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 10_000,
    docsUi: false,
    sseHeartbeatMs: 60_000,
  });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });

  return {
    app,
    base,
    ledger,
    stateDir,
    logs,
    async request(method, url, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      const token = opts.token ?? (opts.as ? tokenFor(opts.as) : undefined);
      if (token) headers.authorization = `Bearer ${token}`;
      if (method === 'POST' && !('idempotency-key' in headers))
        headers['idempotency-key'] = opts.key ?? `k-${(keyCounter += 1)}`;
      let body: string | undefined = opts.rawBody;
      if (opts.body !== undefined) body = JSON.stringify(opts.body);
      if (body !== undefined && !('content-type' in headers)) headers['content-type'] = 'application/json';
      const res = await fetch(`${base}${url}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Non-JSON bodies (metrics) stay text.
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async close() {
      await app.close();
      await idempotency.close();
      for (const log of logs.values()) await log.close();
      if (!options.stateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
