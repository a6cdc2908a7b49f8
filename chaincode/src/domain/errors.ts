// Refusals carry a stable code (the wire contract's) so the gateway can map them to HTTP without parsing messages.
import type { ContractErrorCode } from '@scf/wire';

export type ErrorCode = ContractErrorCode;

export type ErrorDetails = Record<string, unknown>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

const refusal =
  (code: ErrorCode) =>
  (message: string, details: ErrorDetails = {}): DomainError =>
    new DomainError(code, message, details);

export const validation = refusal('VALIDATION');
export const unauthenticated = refusal('UNAUTHENTICATED');
export const forbidden = refusal('FORBIDDEN');
export const notFound = refusal('NOT_FOUND');
export const invalidState = refusal('INVALID_STATE');
export const conflictExternalRef = refusal('CONFLICT_EXTERNAL_REF');
export const notDue = refusal('NOT_DUE');

/** Batch refusals name the failing item, so a client can fix one line of a 500-line upload. */
export function atItem(error: unknown, index: number): unknown {
  return error instanceof DomainError
    ? new DomainError(error.code, `item ${index}: ${error.message}`, { ...error.details, index })
    : error;
}
