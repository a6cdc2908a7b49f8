import { ERROR_PREFIX } from '@scf/wire';
import { canonicalJson } from '../domain/canonical';
import { DomainError } from '../domain/errors';

/** The gateway finds `SCF_ERROR:{json}` in the gRPC error details and maps the code to HTTP. */
export const toFabricError = (error: DomainError): Error =>
  new Error(`${ERROR_PREFIX}${canonicalJson(error.toJSON())}`);

/** Runs a transaction body, turning refusals into the wire format; unexpected errors pass through unchanged. */
export async function guarded<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw error instanceof DomainError ? toFabricError(error) : error;
  }
}
