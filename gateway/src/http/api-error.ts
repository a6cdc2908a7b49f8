// The one error shape of the API, `{ "error": { "code", "message", "details" } }`, and the HTTP status of every code.
import { assertNever } from '../types';

/** Codes the chaincode throws (or returns as REFUSED) inside `SCF_ERROR:{...}`; test/contract-codes.test.ts keeps them equal to chaincode/src/domain/errors.ts. */
export const CONTRACT_ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_STATE',
  'DOUBLE_PLEDGE',
  'DUPLICATE_INVOICE',
  'CONFLICT_EXTERNAL_REF',
  'NOT_DUE',
] as const;
export type ContractErrorCode = (typeof CONTRACT_ERROR_CODES)[number];

/** Codes only the gateway produces. */
export const GATEWAY_ERROR_CODES = [
  'IDEMPOTENCY_KEY_REUSED',
  'REQUEST_IN_PROGRESS',
  'WRITE_CONTENTION',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'COMMIT_PENDING',
  'LEDGER_UNAVAILABLE',
  'TRANSACTION_INVALID',
  'LEDGER_ERROR',
  'INTERNAL',
] as const;
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

export type ErrorCode = ContractErrorCode | GatewayErrorCode;
export type ErrorDetails = Record<string, unknown>;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: ErrorDetails };
}

export const isContractErrorCode = (value: unknown): value is ContractErrorCode =>
  (CONTRACT_ERROR_CODES as readonly unknown[]).includes(value);

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'INVALID_STATE':
    case 'DOUBLE_PLEDGE':
    case 'DUPLICATE_INVOICE':
    case 'CONFLICT_EXTERNAL_REF':
    case 'NOT_DUE':
    case 'REQUEST_IN_PROGRESS':
    case 'WRITE_CONTENTION':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    // The key was used for a different request: the body is well-formed but cannot be processed under that key.
    case 'IDEMPOTENCY_KEY_REUSED':
      return 422;
    case 'RATE_LIMITED':
      return 429;
    // The transaction was handed to the orderer but its commit could not be observed: accepted, outcome pending.
    case 'COMMIT_PENDING':
      return 202;
    case 'LEDGER_UNAVAILABLE':
      return 503;
    case 'TRANSACTION_INVALID':
    case 'LEDGER_ERROR':
      return 502;
    case 'INTERNAL':
      return 500;
    default:
      return assertNever(code);
  }
}

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
