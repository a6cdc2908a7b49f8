// How a committed chaincode reply becomes an HTTP response: DONE -> 200, REFUSED (committed with a conflict record) -> 409.
import type { Committed } from '../fabric/ledger';
import type { StoredResponse } from './records';
import { assertNever } from '../types';
import { ApiError, isContractErrorCode } from '../errors/api-error';
import type { ContractErrorCode, ErrorDetails } from '../errors/api-error';

type ChaincodeReply =
  | { status: 'DONE'; value: unknown }
  | {
      status: 'REFUSED';
      error: { code: ContractErrorCode; message: string; details: ErrorDetails };
      conflict: unknown;
      conflicts?: unknown[];
      results?: unknown[];
    };

function parseReply(text: string): ChaincodeReply | undefined {
  try {
    const reply = JSON.parse(text) as Record<string, unknown>;
    if (reply.status === 'DONE' && 'value' in reply) return reply as ChaincodeReply;
    const error = reply.error as Record<string, unknown> | undefined;
    if (reply.status === 'REFUSED' && isContractErrorCode(error?.code)) return reply as ChaincodeReply;
  } catch {
    // Falls through: the caller reports an unreadable reply.
  }
  return undefined;
}

export const errorResponse = (err: ApiError): StoredResponse => ({
  statusCode: err.status,
  body: err.toBody(),
  headers: { ...err.headers },
});

export function renderCommitted(committed: Committed): StoredResponse {
  const { txId, blockNumber } = committed;
  const reply = parseReply(committed.result);
  if (!reply) {
    // Committed, so this is final: report it rather than pretend nothing happened.
    return errorResponse(
      new ApiError('LEDGER_ERROR', 'the transaction committed but its reply is not understood', {
        txId,
        blockNumber,
        reply: committed.result,
      }),
    );
  }
  switch (reply.status) {
    case 'DONE':
      return { statusCode: 200, body: { txId, blockNumber, result: reply.value } };
    case 'REFUSED': {
      const { error, conflict, conflicts, results } = reply;
      const details = {
        ...error.details,
        txId,
        blockNumber,
        conflict,
        ...(conflicts === undefined ? {} : { conflicts }),
        ...(results === undefined ? {} : { results }),
      };
      return errorResponse(new ApiError(error.code, error.message, details));
    }
    default:
      return assertNever(reply);
  }
}
