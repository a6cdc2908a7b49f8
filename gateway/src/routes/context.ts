// What every /v1 route needs, and the two ways a route reaches the ledger: an idempotent write or a read.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { callerOf } from '../auth/authenticate';
import type { Ledger, LedgerCall } from '../fabric/ledger';
import type { IdempotentWriter } from '../idempotency/idempotent-writer';
import { requestFingerprint } from '../idempotency/idempotent-writer';

export interface RouteContext {
  ledger: Ledger;
  writer: IdempotentWriter;
}

/** Writes (and the list reads) take one argument: the JSON request. */
export const jsonCall = (contract: LedgerCall['contract'], fn: string, request: object): LedgerCall => ({
  contract,
  fn,
  args: [JSON.stringify(request)],
});

export async function sendWrite(
  ctx: RouteContext,
  request: FastifyRequest,
  reply: FastifyReply,
  call: LedgerCall,
): Promise<void> {
  const caller = callerOf(request);
  // The schema makes the header mandatory and well-formed; a list (repeated header) is refused there too.
  const key = String(request.headers['idempotency-key']);
  const fingerprint = requestFingerprint(request.method, request.url, request.body);
  const { response, replayed } = await ctx.writer.write({ identity: caller.identity, key, fingerprint, call });
  // Sent here rather than returned: the stored status and body vary, so the route's typed reply cannot describe them.
  await reply
    .code(response.statusCode)
    .headers({ ...response.headers, 'idempotent-replayed': String(replayed) })
    .send(response.body);
}

/** Handler of a write on one receivable: the chaincode request is the path's id plus the validated body. */
export const receivableWrite =
  (ctx: RouteContext, fn: string) =>
  (
    request: FastifyRequest<{ Params: { id: string }; Body: Record<string, unknown> }>,
    reply: FastifyReply,
  ): Promise<void> =>
    sendWrite(ctx, request, reply, jsonCall('receivables', fn, { id: request.params.id, ...request.body }));

export async function readLedger(ctx: RouteContext, request: FastifyRequest, call: LedgerCall): Promise<unknown> {
  const text = await ctx.ledger.evaluate(callerOf(request).identity, call);
  return JSON.parse(text) as unknown;
}

/** Maps the chaincode's `{ items, bookmark }` page to the API's `{ items, nextCursor }`. */
export function toPage(page: unknown): { items: unknown[]; nextCursor: string | null } {
  const { items, bookmark } = (page ?? {}) as { items?: unknown[]; bookmark?: string };
  return { items: items ?? [], nextCursor: bookmark ? bookmark : null };
}

export const pageRequest = (query: { cursor?: string; pageSize?: string }) => ({
  ...(query.pageSize === undefined ? {} : { pageSize: Number(query.pageSize) }),
  ...(query.cursor === undefined ? {} : { bookmark: query.cursor }),
});
