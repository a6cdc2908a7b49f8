// Turns what the Fabric Gateway client throws into ApiErrors: contract refusals by their SCF_ERROR code,
// unreachable peers/orderers into 503, and an unobservable commit into 202 with the txId.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import type { SubmitError } from '@hyperledger/fabric-gateway';
import { ERROR_PREFIX } from '@scf/wire';
import { ApiError, isContractErrorCode } from '../errors/api-error';
import type { ContractErrorCode, ErrorDetails } from '../errors/api-error';
/** Seconds a client should wait before retrying when a peer or orderer is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

export interface ContractError {
  code: ContractErrorCode;
  message: string;
  details: ErrorDetails;
}

/** The JSON object starting at TEXT[START] (which must be `{`), found by matching braces outside strings. */
function balancedObject(text: string, start: number): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}

/** The contract error inside a peer message such as `chaincode response 500, SCF_ERROR:{...}`. */
export function parseContractError(text: string): ContractError | undefined {
  for (let at = text.indexOf(ERROR_PREFIX); at >= 0; at = text.indexOf(ERROR_PREFIX, at + 1)) {
    const json = balancedObject(text, at + ERROR_PREFIX.length);
    if (json === undefined) continue;
    try {
      const parsed = JSON.parse(json) as Record<string, unknown>;
      if (!isContractErrorCode(parsed.code)) continue;
      const details =
        typeof parsed.details === 'object' && parsed.details !== null ? (parsed.details as ErrorDetails) : {};
      return { code: parsed.code, message: typeof parsed.message === 'string' ? parsed.message : parsed.code, details };
    } catch {
      // Not JSON after all (e.g. truncated by a proxy); keep looking.
    }
  }
  return undefined;
}

/** Searches the per-node details first (where peers put chaincode responses), then the message itself. */
function contractErrorOf(err: GatewayError): ContractError | undefined {
  for (const detail of err.details) {
    const found = parseContractError(detail.message);
    if (found) return found;
  }
  return parseContractError(err.message);
}

/**
 * Endorsers that disagree: one peer refused with a contract error while others answered otherwise (e.g. their
 * payloads did not match). Each org's peer commits blocks on its own, so the refusal may come from a peer that
 * lacks a block the others have (NOT_FOUND for a receivable issued a moment ago): not the ledger's answer, but a
 * transient state, so the caller is told to retry (503) instead of being given a refusal that looks final.
 */
function endorsersDisagree(err: GatewayError): ApiError | undefined {
  if (!(err instanceof EndorseError)) return undefined;
  const refusals = err.details.flatMap((d) => {
    const refusal = parseContractError(d.message);
    return refusal ? [{ mspId: d.mspId, refusal }] : [];
  });
  const first = refusals[0];
  if (first === undefined || refusals.length === err.details.length) return undefined;
  return new ApiError(
    'LEDGER_UNAVAILABLE',
    `the endorsing peers disagree: ${first.mspId}'s peer refused with ${first.refusal.code} while others did not ` +
      '(a peer may not have the latest blocks yet), retry later',
    { cause: err.message, refusedBy: first.mspId, refusal: first.refusal },
    { 'retry-after': String(RETRY_AFTER_SECONDS) },
  );
}

/** 503 naming what is unavailable and, when known, the condition the peer reported (its real cause). */
const unavailable = (what: string, err: Error, reason?: string): ApiError =>
  new ApiError(
    'LEDGER_UNAVAILABLE',
    `${what} is unavailable${reason === undefined ? '' : ` (${reason})`}, retry later`,
    { cause: err.message },
    { 'retry-after': String(RETRY_AFTER_SECONDS) },
  );

// Conditions a peer reports while it or its neighbours recover (chaincode service down, discovery not yet
// repopulated after a restart): transient, so the caller is told to retry rather than that the ledger refused.
const RECOVERING = [
  /could not launch chaincode/,
  /no peers available/i,
  /no combination of peers/i,
  /failed to collect enough transaction endorsements/i,
];
/** The recovery condition the peer or its details report, as the peer worded it; undefined when none. */
function recovering(err: GatewayError): string | undefined {
  for (const message of [err.message, ...err.details.map((d) => d.message)]) {
    for (const pattern of RECOVERING) {
      const match = pattern.exec(message);
      if (match) return match[0];
    }
  }
  return undefined;
}

// Sets of plain numbers: the client reports codes as numbers, not as members of the gRPC or Fabric enums.
const TRANSIENT_GRPC_CODES: ReadonlySet<number> = new Set([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]);
const isTransient = (grpcCode: number): boolean => TRANSIENT_GRPC_CODES.has(grpcCode);

const DEADLINE_EXCEEDED: number = GrpcStatus.DEADLINE_EXCEEDED;
/** The client exports SubmitError as a type only, so it is recognised by name. */
const isSubmitDeadline = (err: GatewayError): err is SubmitError =>
  err.name === 'SubmitError' && err.code === DEADLINE_EXCEEDED;

/** Validation codes after which re-endorsing the same request as a new transaction may succeed. */
const READ_CONFLICTS: ReadonlySet<number> = new Set([StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT]);
export const isReadConflict = (validationCode: number): boolean => READ_CONFLICTS.has(validationCode);

export const validationCodeName = (code: number): string =>
  Object.entries(StatusCode).find(([, value]) => value === code)?.[0] ?? String(code);

export const commitPending = (txId: string, cause: string): ApiError =>
  new ApiError(
    'COMMIT_PENDING',
    'the transaction was submitted but its commit could not be confirmed yet; retry with the same Idempotency-Key to learn the outcome',
    { txId, cause },
  );

export const transactionInvalid = (txId: string, validationCode: number): ApiError =>
  new ApiError('TRANSACTION_INVALID', `the transaction was not committed: ${validationCodeName(validationCode)}`, {
    txId,
    validationCode: validationCodeName(validationCode),
  });

/** Maps any error of an evaluate/endorse/submit/commit-status call. Contract errors are never retried by callers. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof CommitStatusError) {
    // The transaction reached the orderer; only the status query failed, so the outcome is unknown, not failed.
    return commitPending(err.transactionId, err.message);
  }
  if (err instanceof CommitError) return transactionInvalid(err.transactionId, err.code);
  if (err instanceof GatewayError) {
    const split = endorsersDisagree(err);
    if (split) return split;
    const contract = contractErrorOf(err);
    if (contract) return new ApiError(contract.code, contract.message, contract.details);
    if (isSubmitDeadline(err)) {
      // The orderer may have received the envelope before the deadline: treat as pending, never as failed.
      return commitPending(err.transactionId, err.message);
    }
    if (isTransient(err.code))
      return unavailable(err instanceof EndorseError ? 'the endorsing peer' : 'the ledger', err);
    const condition = recovering(err);
    if (condition !== undefined) return unavailable('the endorsing network', err, condition);
    return new ApiError('LEDGER_ERROR', 'the ledger refused the request', {
      grpcCode: err.code,
      cause: err.message,
      nodes: err.details.map((d) => ({ mspId: d.mspId, address: d.address, message: d.message })),
    });
  }
  const grpcCode = (err as { code?: unknown } | null)?.code;
  if (typeof grpcCode === 'number' && isTransient(grpcCode)) return unavailable('the ledger', err as Error);
  return new ApiError('INTERNAL', 'internal error', {});
}
