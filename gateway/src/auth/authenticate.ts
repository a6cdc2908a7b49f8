// Bearer-token authentication for /v1: every request resolves to exactly one Caller before any handler runs.
import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConnectionDescription } from '../fabric/connection-description';
import { ApiError } from '../errors/api-error';
import type { Caller, Role } from '../types';
import { TOKEN_ALGORITHM, TOKEN_ISSUER, callerFromClaims } from './tokens';
import type { TokenClaims } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** Roles allowed to call the route; the chaincode decides too, this only fails fast with a clear 403. */
    roles?: readonly Role[];
  }
}

/** Optional header naming the identity the client means to act as; a mismatch with the token is refused. */
export const IDENTITY_HEADER = 'x-scf-identity';

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new ApiError('UNAUTHENTICATED', 'a bearer token is required');
  return request.caller;
}

export async function registerAuthentication(
  app: FastifyInstance,
  options: { secret: Buffer; description: ConnectionDescription },
): Promise<void> {
  await app.register(jwt, {
    secret: options.secret,
    sign: { algorithm: TOKEN_ALGORITHM, iss: TOKEN_ISSUER },
    verify: { algorithms: [TOKEN_ALGORITHM], allowedIss: TOKEN_ISSUER },
  });
  if (!app.hasRequestDecorator('caller')) app.decorateRequest('caller', null);

  app.addHook('onRequest', async (request) => {
    let claims: Partial<TokenClaims>;
    try {
      claims = await request.jwtVerify<Partial<TokenClaims>>();
    } catch {
      throw new ApiError('UNAUTHENTICATED', 'a valid bearer token is required');
    }
    const caller = callerFromClaims(options.description, claims);
    if (!caller) throw new ApiError('UNAUTHENTICATED', 'the token does not match any identity of this gateway');
    request.caller = caller;

    const claimed = request.headers[IDENTITY_HEADER];
    if (claimed !== undefined && claimed !== caller.identity) {
      throw new ApiError('FORBIDDEN', `this token acts only as ${caller.identity}`, {
        identity: caller.identity,
        requested: claimed,
      });
    }
    const roles = request.routeOptions.config.roles;
    if (roles && !roles.includes(caller.role)) {
      throw new ApiError('FORBIDDEN', `role ${caller.role} may not call this operation`, {
        identity: caller.identity,
        allowedRoles: roles,
      });
    }
  });
}
