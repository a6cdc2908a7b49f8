// The one error shape of the API, `{ "error": { "code", "message", "details" } }`. The codes and their HTTP
// statuses are the wire contract's; this module sits below every layer of the gateway and imports none of them.
import { HTTP_STATUS, type ErrorCode } from '@scf/wire';

export { CONTRACT_ERROR_CODES, ERROR_CODES, GATEWAY_ERROR_CODES, isContractErrorCode } from '@scf/wire';
export type { ContractErrorCode, ErrorCode, GatewayErrorCode } from '@scf/wire';

export type ErrorDetails = Record<string, unknown>;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetails };
}

export const httpStatusOf = (code: ErrorCode): number => HTTP_STATUS[code];

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    /** Extra response headers, e.g. Retry-After on 503. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): number {
    return httpStatusOf(this.code);
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}
