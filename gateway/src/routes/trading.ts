// What a holder does with a confirmed receivable: split it among several holders, or transfer it whole.
import { MAX_SPLIT_PARTS, MIN_SPLIT_PARTS } from '@scf/wire';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { RouteContext } from './context';
import { callableBy, receivableWrite } from './context';
import { PartyId, PositiveAmount, ReceivableParams, Strict, writeSchema } from './schemas';

const tags = ['trading'];

export const tradingRoutes =
  (ctx: RouteContext): FastifyPluginCallbackTypebox =>
  (app, _options, done) => {
    app.post(
      '/receivables/:id/split',
      {
        config: callableBy('receivables', 'Split'),
        schema: writeSchema({
          tags,
          summary: 'Split a receivable; the parts must add up to its amount exactly (holder)',
          params: ReceivableParams,
          body: Strict({
            parts: Type.Array(Strict({ holder: PartyId, amount: PositiveAmount }), {
              minItems: MIN_SPLIT_PARTS,
              maxItems: MAX_SPLIT_PARTS,
            }),
          }),
        }),
      },
      receivableWrite(ctx, 'Split'),
    );

    app.post(
      '/receivables/:id/transfer',
      {
        config: callableBy('receivables', 'Transfer'),
        schema: writeSchema({
          tags,
          summary: 'Transfer a whole receivable to another party (holder)',
          params: ReceivableParams,
          body: Strict({ to: PartyId }),
        }),
      },
      receivableWrite(ctx, 'Transfer'),
    );
    done();
  };
