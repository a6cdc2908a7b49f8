// A token names exactly one identity of the connection description and repeats its org, MSP, party and role;
// verification re-checks all of them against the description, so a token can only ever act as that one identity.
import { createSigner } from 'fast-jwt';
import { identityOf } from '../fabric/connection-description';
import type { ConnectionDescription } from '../fabric/connection-description';
import type { Caller, IdentityName } from '../types';

export const TOKEN_ISSUER = 'scf-gateway';
export const TOKEN_ALGORITHM = 'HS256';

export interface TokenClaims {
  /** The identity name, e.g. `SUP-T1` or `core-admin`. */
  sub: string;
  org: string;
  mspId: string;
  party: string | null;
  role: string;
}

export function claimsFor(description: ConnectionDescription, name: string): TokenClaims {
  const identity = identityOf(description, name);
  if (!identity) throw new Error(`no identity '${name}' in the connection description`);
  return { sub: name, org: identity.org, mspId: identity.mspId, party: identity.party, role: identity.role };
}

export function signToken(secret: Buffer, claims: TokenClaims, expiresInDays: number): string {
  const sign = createSigner({
    key: secret,
    algorithm: TOKEN_ALGORITHM,
    iss: TOKEN_ISSUER,
    expiresIn: expiresInDays * 24 * 60 * 60 * 1000,
  });
  return sign({ ...claims });
}

/** The caller the claims stand for, or undefined when they do not match the description exactly. */
export function callerFromClaims(description: ConnectionDescription, claims: Partial<TokenClaims>): Caller | undefined {
  if (typeof claims.sub !== 'string') return undefined;
  const identity = identityOf(description, claims.sub);
  if (!identity) return undefined;
  const matches =
    claims.org === identity.org &&
    claims.mspId === identity.mspId &&
    (claims.party ?? null) === identity.party &&
    claims.role === identity.role;
  if (!matches) return undefined;
  return {
    identity: claims.sub as IdentityName,
    org: identity.org,
    mspId: identity.mspId,
    party: identity.party,
    role: identity.role,
  };
}
