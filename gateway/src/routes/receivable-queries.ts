// Reads about receivables, each answered by the caller's own org peer under the caller's identity (the chaincode
// decides who may read what).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { RouteContext } from './context';
import { callableBy, jsonCall, pageRequest, readLedger, toPage } from './context';
import { PageQuery, ReceivableParams, ReceivableStatus, Strict, readSchema } from './schemas';

const tags = ['receivables'];

const Page = Type.Object({ items: Type.Array(Type.Unknown()), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** Which of the caller's receivables a list or count covers. */
const Scope = {
  role: Type.Union([Type.Literal('holder'), Type.Literal('debtor')]),
  status: Type.Optional(ReceivableStatus),
};

const BY_ID = [
  ['', 'GetReceivable', 'A receivable (holder, debtor, original creditor, pledgee, auditors)'],
  [
    '/encumbrance',
    'GetEncumbrance',
    'Whether a receivable is pledged, to whom and since when (banks check before lending)',
  ],
  ['/lineage', 'GetLineage', 'The whole split tree from its root, with the children-sum check'],
  ['/history', 'GetHistory', 'Every committed version of a receivable'],
] as const;

export const receivableQueryRoutes =
  (ctx: RouteContext): FastifyPluginCallbackTypebox =>
  (app, _options, done) => {
    app.get(
      '/receivables',
      {
        config: callableBy('receivables', 'ListReceivables'),
        schema: readSchema(
          {
            tags,
            summary: 'The caller’s own receivables, as holder or as debtor',
            querystring: Strict({ ...Scope, ...PageQuery }),
          },
          Page,
        ),
      },
      async (request) => {
        const { role, status, ...page } = request.query;
        const scan = { role, ...(status === undefined ? {} : { status }), ...pageRequest(page) };
        return toPage(await readLedger(ctx, request, jsonCall('receivables', 'ListReceivables', scan)));
      },
    );

    // Registered before /receivables/:id so the literal path wins (Fastify prefers static segments anyway).
    app.get(
      '/receivables/count',
      {
        config: callableBy('receivables', 'CountReceivables'),
        schema: readSchema(
          {
            tags,
            summary: 'How many receivables the caller holds or owes, optionally in one status',
            querystring: Strict(Scope),
          },
          Type.Object({ count: Type.Integer({ minimum: 0 }) }),
        ),
      },
      (request) => {
        const { role, status } = request.query;
        const scan = { role, ...(status === undefined ? {} : { status }) };
        return readLedger(ctx, request, jsonCall('receivables', 'CountReceivables', scan));
      },
    );

    for (const [suffix, fn, summary] of BY_ID) {
      app.get(
        `/receivables/:id${suffix}`,
        { config: callableBy('receivables', fn), schema: readSchema({ tags, summary, params: ReceivableParams }) },
        (request) => readLedger(ctx, request, { contract: 'receivables', fn, args: [request.params.id] }),
      );
    }
    done();
  };
