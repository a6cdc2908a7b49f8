// Settlement at maturity: the debtor pays every live leaf of the tree, each to its pledgee if pledged, else its holder.
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { RouteContext } from './context';
import { callableBy, receivableWrite } from './context';
import { ReceivableParams, Reference, Strict, writeSchema } from './schemas';

export const settlementRoutes =
  (ctx: RouteContext): FastifyPluginCallbackTypebox =>
  (app, _options, done) => {
    app.post(
      '/receivables/:id/settle',
      {
        config: callableBy('receivables', 'Settle'),
        schema: writeSchema({
          tags: ['settlement'],
          summary: 'Settle a receivable on or after its due date (debtor); 409 NOT_DUE before',
          params: ReceivableParams,
          body: Strict({ paymentRef: Reference }),
        }),
      },
      receivableWrite(ctx, 'Settle'),
    );
    done();
  };
