// What every /v1 route needs, and the two ways a route reaches the ledger: an idempotent write or a read.
import { MAX_PAGE_SIZE, rolesFor, type FunctionName, type ReceivableFunction, type Role } from '@scf/wire';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { callerOf } from '../auth/authenticate';
import { ApiError } from '../errors/api-error';
import type { ApiContract, Ledger, LedgerCall } from '../fabric/ledger';
import type { IdempotentWriter } from '../idempotency/idempotent-writer';
import { requestFingerprint } from '../idempotency/idempotent-writer';
import { MIN_BLOCK_HEADER } from './schemas';

export interface RouteContext {
  ledger: Ledger;
  writer: IdempotentWriter;
}

/** Route config: only the roles the wire contract lets call FN get past authentication; others get 403. */
export const callableBy = <C extends ApiContract>(contract: C, fn: FunctionName<C>): { roles: readonly Role[] } => ({
  roles: rolesFor(contract, fn),
});

/** A call of FN with positional string arguments. */
export const ledgerCall = <C extends ApiContract>(
  contract: C,
  fn: FunctionName<C>,
  args: readonly string[],
): LedgerCall => ({ contract, fn, args }) as LedgerCall;

/** Writes (and the list reads) take one argument: the JSON request. */
export const jsonCall = <C extends ApiContract>(contract: C, fn: FunctionName<C>, request: object): LedgerCall =>
  ledgerCall(contract, fn, [JSON.stringify(request)]);

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
  const { response, replayed } = await ctx.writer.write({
    identity: caller.identity,
    key,
    fingerprint,
    call: withMinBlock(request, call),
  });
  // Sent here rather than returned: the stored status and body vary, so the route's typed reply cannot describe them.
  await reply
    .code(response.statusCode)
    .headers({ ...response.headers, 'idempotent-replayed': String(replayed) })
    .send(response.body);
}

/** Handler of a write on one receivable: the chaincode request is the path's id plus the validated body. */
export const receivableWrite =
  (ctx: RouteContext, fn: ReceivableFunction) =>
  (
    request: FastifyRequest<{ Params: { id: string }; Body: Record<string, unknown> }>,
    reply: FastifyReply,
  ): Promise<void> =>
    sendWrite(ctx, request, reply, jsonCall('receivables', fn, { id: request.params.id, ...request.body }));

/** The call, to be answered only once the caller's peer has the block of the consistency header (if sent). */
function withMinBlock(request: FastifyRequest, call: LedgerCall): LedgerCall {
  const header = request.headers[MIN_BLOCK_HEADER];
  // The route schema admits only one decimal number here.
  return typeof header === 'string' ? { ...call, minBlock: BigInt(header) } : call;
}

export async function readLedger(ctx: RouteContext, request: FastifyRequest, call: LedgerCall): Promise<unknown> {
  const text = await ctx.ledger.evaluate(callerOf(request).identity, withMinBlock(request, call));
  return JSON.parse(text) as unknown;
}

/** Maps the chaincode's `{ items, bookmark }` page to the API's `{ items, nextCursor }`. */
export function toPage(page: unknown): { items: unknown[]; nextCursor: string | null } {
  const { items, bookmark } = (page ?? {}) as { items?: unknown[]; bookmark?: string };
  return { items: items ?? [], nextCursor: bookmark ? bookmark : null };
}

/** The chaincode's page request; a page size over the wire contract's limit is refused here, before endorsing. */
export function pageRequest(query: { cursor?: string; pageSize?: string }): { pageSize?: number; bookmark?: string } {
  const pageSize = query.pageSize === undefined ? undefined : Number(query.pageSize);
  if (pageSize !== undefined && pageSize > MAX_PAGE_SIZE) {
    throw new ApiError('VALIDATION', `querystring/pageSize must be at most ${MAX_PAGE_SIZE}`, { field: 'pageSize' });
  }
  return {
    ...(pageSize === undefined ? {} : { pageSize }),
    ...(query.cursor === undefined ? {} : { bookmark: query.cursor }),
  };
}
