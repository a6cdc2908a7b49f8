// Every failure leaves the gateway in the one error shape, whichever layer raised it.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error';

/** Fastify's own errors (schema validation, body parsing, rate limit, ...) in the gateway's vocabulary. */
function fromFastifyError(error: FastifyError): ApiError {
  if (error.validation) {
    return new ApiError('VALIDATION', error.message, {
      in: error.validationContext,
      issues: error.validation.map((issue) => ({
        path: issue.instancePath,
        message: issue.message,
        ...(issue.keyword === 'additionalProperties' ? { unknownField: issue.params.additionalProperty } : {}),
      })),
    });
  }
  switch (error.statusCode) {
    case 413:
      return new ApiError('PAYLOAD_TOO_LARGE', 'the request body is too large');
    case 415:
      return new ApiError('UNSUPPORTED_MEDIA_TYPE', 'send application/json');
    case 429:
      return new ApiError('RATE_LIMITED', 'too many requests, slow down');
    case 400:
      // Malformed JSON and empty bodies: the client's fault, but not a schema violation.
      return new ApiError('VALIDATION', error.message);
    default:
      return new ApiError('INTERNAL', 'internal error');
  }
}

export function sendError(reply: FastifyReply, err: ApiError): FastifyReply {
  return reply.code(err.status).headers(err.headers).send(err.toBody());
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = error instanceof ApiError ? error : fromFastifyError(error);
    if (apiError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    // Ledger-side failures keep their cause in the log: operators need to know which node said what.
    else if (apiError.status >= 500)
      request.log.warn({ code: apiError.code, details: apiError.details }, apiError.message);
    else request.log.info({ code: apiError.code }, apiError.message);
    return sendError(reply, apiError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new ApiError('NOT_FOUND', `no route ${request.method} ${request.url}`)),
  );
}
