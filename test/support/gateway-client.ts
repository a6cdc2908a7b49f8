// Runs the built gateway (gateway/dist) as a child process against the real network, with its own state directory
// and tokens, and talks to it over HTTP as any identity. Build first: `npm run build -w gateway`.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Issued, Written } from './api';
import { connectionPath, repoRoot } from './network';
import { readSse, SseEvent } from './sse';

const dist = path.join(repoRoot, 'gateway', 'dist');

/**
 * One HTTP answer. BODY is the parsed JSON (or the text, when it is not JSON), typed as the caller expects it for the
 * status it checks (the shapes are in ./api): the client does not validate it.
 */
export interface HttpResult<Body = unknown> {
  status: number;
  headers: Headers;
  body: Body;
}

type RequestOptions = { key?: string; headers?: Record<string, string> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** Resolves when CHILD has exited. */
const exitOf = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });

export class GatewayProcess {
  private child: ChildProcess | undefined;
  tokens: Record<string, string> = {};

  private constructor(
    readonly stateDir: string,
    readonly port: number,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts a gateway on a free port with a fresh state directory (or STATE_DIR, to simulate a restart). */
  static async start(stateDir?: string): Promise<GatewayProcess> {
    const dir = stateDir ?? mkdtempSync(path.join(tmpdir(), 'scf-gateway-it-'));
    const gateway = new GatewayProcess(dir, await freePort());
    await gateway.launch();
    return gateway;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      SCF_CONNECTION: connectionPath(),
      SCF_GATEWAY_HOME: this.stateDir,
      SCF_GATEWAY_PORT: String(this.port),
      LOG_LEVEL: 'info',
    };
  }

  async launch(): Promise<void> {
    if (!existsSync(path.join(dist, 'main.js')))
      throw new Error('gateway/dist is missing: run `npm run build -w gateway`');
    execFileSync(process.execPath, [path.join(dist, 'cli', 'issue-tokens.js')], { env: this.env(), stdio: 'ignore' });
    this.tokens = JSON.parse(readFileSync(path.join(this.stateDir, 'tokens.json'), 'utf8')) as Record<string, string>;
    const log = createWriteStream(path.join(this.stateDir, 'gateway.log'), { flags: 'a' });
    const child = spawn(process.execPath, [path.join(dist, 'main.js')], {
      env: this.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.child = child;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`gateway exited with ${child.exitCode}; see ${this.stateDir}/gateway.log`);
      const up = await fetch(`${this.base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      if (Date.now() > deadline) throw new Error(`gateway did not start; see ${this.stateDir}/gateway.log`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** SIGTERM and wait for the graceful exit (SIGKILL after 30 s). Safe to call when already stopped. */
  async stop(): Promise<void> {
    const child = this.#takeRunning();
    if (!child) return;
    const exited = exitOf(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 30_000);
    await exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** SIGKILL, as a crash: nothing in flight gets to finish. Start it again with launch(). */
  async crash(): Promise<void> {
    const child = this.#takeRunning();
    if (!child) return;
    const exited = exitOf(child);
    child.kill('SIGKILL');
    await exited;
  }

  /** The child, if it still runs; from now on this gateway counts as stopped. */
  #takeRunning(): ChildProcess | undefined {
    const child = this.child;
    this.child = undefined;
    return child && child.exitCode === null && child.signalCode === null ? child : undefined;
  }

  async request<Body = unknown>(
    as: string | null,
    method: 'GET' | 'POST',
    url: string,
    options: RequestOptions & { body?: unknown } = {},
  ): Promise<HttpResult<Body>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (as !== null) {
      const token = this.tokens[as];
      if (!token) throw new Error(`no token for ${as}`);
      headers.authorization = `Bearer ${token}`;
    }
    if (method === 'POST') headers['idempotency-key'] ??= options.key ?? randomUUID();
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: parseBody(text) as Body };
  }

  /** A client acting as one identity. */
  as(identity: string): IdentityClient {
    return {
      get: (url, headers) => this.request(identity, 'GET', url, { headers }),
      post: (url, body, options = {}) => this.request(identity, 'POST', url, { body, ...options }),
    };
  }

  /**
   * Reads the SSE stream as IDENTITY (optionally resuming after LAST_EVENT_ID) until DONE says enough, or the timeout.
   * Returns every event received, in order.
   */
  async readEvents(
    identity: string,
    done: (events: SseEvent[]) => boolean,
    options: { lastEventId?: string; timeoutMs?: number } = {},
  ): Promise<SseEvent[]> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.tokens[identity] ?? ''}` };
    if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
    return readSse(`${this.base}/v1/events`, headers, done, options.timeoutMs ?? 60_000);
  }
}

/** Requests as one identity; each caller names the body type it expects (see HttpResult). */
export interface IdentityClient {
  get<Body = unknown>(url: string, headers?: Record<string, string>): Promise<HttpResult<Body>>;
  post<Body = unknown>(url: string, body?: unknown, options?: RequestOptions): Promise<HttpResult<Body>>;
}

/** JSON, or the text itself when it is not JSON (the metrics). */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A suffix unique to this run, valid inside references and party-independent ids. */
export const runId = (): string =>
  `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.toUpperCase();

/** Today's date in UTC, `YYYY-MM-DD`: the chaincode compares due dates with the transaction's UTC date. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** An Issue request for CORE-001 with invoices unique to this run. */
export function issueRequest(ref: string, creditor: string, amount: string, dueDate = todayUtc()) {
  return {
    externalRef: `PO-${ref}`,
    creditor,
    amount,
    currency: 'CNY',
    dueDate,
    invoices: [{ number: `INV-${ref}`, code: 'FP', amount }],
  };
}

/**
 * Issues a receivable to CREDITOR as CORE-001 (a request of `issueRequest`, unique to REF) and returns the written
 * answer; fails with the gateway's answer unless it is 200. For tests that need a receivable, not the issue itself.
 */
export async function issue(
  gateway: GatewayProcess,
  creditor: string,
  amount: string,
  ref = runId(),
): Promise<Written<Issued>> {
  const res = await gateway
    .as('CORE-001')
    .post<Written<Issued>>('/v1/receivables', issueRequest(ref, creditor, amount));
  if (res.status !== 200)
    throw new Error(`issuing ${amount} to ${creditor} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Starts a gateway for the enclosing describe block and always stops it afterwards, even when tests fail. */
export function useGateway(): () => GatewayProcess {
  let gateway: GatewayProcess | undefined;
  beforeAll(async () => {
    gateway = await GatewayProcess.start();
  });
  afterAll(async () => {
    await gateway?.stop();
  });
  return () => {
    if (!gateway) throw new Error('the gateway did not start');
    return gateway;
  };
}
