// Every error code of the API and its HTTP status. The chaincode throws the contract codes inside
// `SCF_ERROR:{json}`; the gateway finds them in the peer's message and adds codes of its own.

export const ERROR_PREFIX = 'SCF_ERROR:';

/** Refusals of the chaincode: the ledger said no, and nothing was written (conflicts are recorded, not refused). */
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
  'PEER_BEHIND',
  'TRANSACTION_INVALID',
  'LEDGER_ERROR',
  'INTERNAL',
] as const;
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

export type ErrorCode = ContractErrorCode | GatewayErrorCode;
export const ERROR_CODES: readonly ErrorCode[] = [...CONTRACT_ERROR_CODES, ...GATEWAY_ERROR_CODES];

export const isContractErrorCode = (value: unknown): value is ContractErrorCode =>
  (CONTRACT_ERROR_CODES as readonly unknown[]).includes(value);

/** A record, not a switch, so that adding a code without a status fails to compile. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  DOUBLE_PLEDGE: 409,
  DUPLICATE_INVOICE: 409,
  CONFLICT_EXTERNAL_REF: 409,
  NOT_DUE: 409,
  REQUEST_IN_PROGRESS: 409,
  WRITE_CONTENTION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // The key was used for a different request: well-formed, but not processable under that key.
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  // Handed to the orderer but its commit could not be observed: accepted, outcome pending.
  COMMIT_PENDING: 202,
  LEDGER_UNAVAILABLE: 503,
  // The caller asked for a block its organisation's peer has not committed yet (Min-Block header).
  PEER_BEHIND: 503,
  TRANSACTION_INVALID: 502,
  LEDGER_ERROR: 502,
  INTERNAL: 500,
};
