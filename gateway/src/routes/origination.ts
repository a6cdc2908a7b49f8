// How receivables come to exist: the debtor's ERP issues them (one or a batch), or a supplier claims one and the
// debtor confirms or rejects it; the debtor may cancel an untouched one.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteContext } from './context';
import { receivableWrite, sendWrite, jsonCall } from './context';
import { ClaimBody, EmptyBody, IssueBody, ReceivableParams, Strict, writeSchema } from './schemas';

const tags = ['origination'];

export const originationRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/receivables',
      {
        config: { roles: ['erp'] },
        schema: writeSchema({ tags, summary: 'Issue a receivable (debtor ERP)', body: IssueBody }),
      },
      (request, reply) => sendWrite(ctx, request, reply, jsonCall('receivables', 'Issue', request.body)),
    );

    app.post(
      '/receivables/batch',
      {
        config: { roles: ['erp'] },
        schema: writeSchema({
          tags,
          summary: 'Issue many receivables in one transaction, all or nothing (debtor ERP)',
          body: Strict({ items: Type.Array(IssueBody, { minItems: 1, maxItems: 500 }) }),
        }),
      },
      (request, reply) => sendWrite(ctx, request, reply, jsonCall('receivables', 'IssueBatch', request.body)),
    );

    app.post(
      '/receivables/claims',
      {
        config: { roles: ['treasury'] },
        schema: writeSchema({ tags, summary: 'Claim a receivable (supplier)', body: ClaimBody }),
      },
      (request, reply) => sendWrite(ctx, request, reply, jsonCall('receivables', 'Claim', request.body)),
    );

    app.post(
      '/receivables/:id/confirm',
      {
        config: { roles: ['erp'] },
        schema: writeSchema({
          tags,
          summary: 'Confirm a claimed receivable (debtor)',
          params: ReceivableParams,
          body: EmptyBody,
        }),
      },
      receivableWrite(ctx, 'Confirm'),
    );

    app.post(
      '/receivables/:id/reject',
      {
        config: { roles: ['erp'] },
        schema: writeSchema({
          tags,
          summary: 'Reject a claimed receivable (debtor)',
          params: ReceivableParams,
          body: Strict({ reason: Type.String({ minLength: 1, maxLength: 500 }) }),
        }),
      },
      receivableWrite(ctx, 'Reject'),
    );

    app.post(
      '/receivables/:id/cancel',
      {
        config: { roles: ['erp'] },
        schema: writeSchema({
          tags,
          summary: 'Cancel an issued receivable never split, transferred or pledged (debtor)',
          params: ReceivableParams,
          body: EmptyBody,
        }),
      },
      receivableWrite(ctx, 'Cancel'),
    );
  };
