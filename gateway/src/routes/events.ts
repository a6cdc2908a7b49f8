// Server-Sent Events of the ledger events the caller may see, replayed from the gateway's durable event log and
// then followed live. `Last-Event-ID` (`<block>:<index>`) resumes strictly after that event, across restarts too.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { callerOf } from '../auth/authenticate';
import type { EventLogs } from '../events/event-hub';
import type { StoredEvent } from '../events/event-log';
import { comparePositions, parsePosition } from '../events/position';
import type { EventPosition } from '../events/position';
import { audienceOf, canSee } from '../events/visibility';
import type { ConnectionDescription } from '../fabric/connection-description';
import { ApiError } from '../errors/api-error';
import { ErrorResponse } from './schemas';

export interface EventRouteOptions {
  logs: EventLogs;
  description: ConnectionDescription;
  heartbeatMs?: number;
}

const POSITION_PATTERN = '^[0-9]{1,20}:[0-9]{1,6}$';

const frame = (event: StoredEvent): string =>
  `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify({ id: event.id, txId: event.txId, ...event.payload })}\n\n`;

export const eventRoutes =
  (options: EventRouteOptions): FastifyPluginCallbackTypebox =>
  (app, _options, done) => {
    const open = new Set<ServerResponse>();
    // Streams never end by themselves; end them so shutdown is not held up by subscribers.
    app.addHook('preClose', (done) => {
      for (const raw of open) raw.end();
      done();
    });

    app.get(
      '/events',
      {
        schema: {
          tags: ['events'],
          summary: 'Server-Sent Events of the ledger events visible to the caller, resumable with Last-Event-ID',
          headers: Type.Object(
            { 'last-event-id': Type.Optional(Type.String({ pattern: POSITION_PATTERN })) },
            { additionalProperties: true },
          ),
          querystring: Type.Object(
            { after: Type.Optional(Type.String({ pattern: POSITION_PATTERN, description: 'Same as Last-Event-ID' })) },
            { additionalProperties: false },
          ),
          response: {
            200: {
              description: 'text/event-stream; each event: `id: <block>:<index>`, `event: <type>`, `data: <json>`',
              type: 'string',
            },
            400: ErrorResponse,
            401: ErrorResponse,
          },
          security: [{ bearerAuth: [] }],
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        const log = options.logs.logFor(caller.org);
        if (!log) throw new ApiError('LEDGER_UNAVAILABLE', `no event stream for org ${caller.org}`);
        const resumeFrom = request.headers['last-event-id'] ?? request.query.after;
        let cursor: EventPosition | undefined = resumeFrom === undefined ? undefined : parsePosition(resumeFrom);
        if (resumeFrom !== undefined && !cursor)
          throw new ApiError('VALIDATION', 'Last-Event-ID must be <block>:<index>');
        const audience = audienceOf(caller, options.description);

        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-request-id': request.id,
        });
        raw.write('retry: 2000\n\n');

        // Replay and subscription happen in the same tick, so no event can fall between them; the cursor drops
        // anything already sent.
        const send = (event: StoredEvent, position: EventPosition): void => {
          if (cursor && comparePositions(position, cursor) <= 0) return;
          cursor = position;
          if (canSee(audience, event)) raw.write(frame(event));
        };
        for (const { event, position } of log.after(cursor)) send(event, position);
        const unsubscribe = log.subscribe(send);
        const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), options.heartbeatMs ?? 15_000);
        open.add(raw);
        raw.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
          open.delete(raw);
        });
      },
    );
    done();
  };
