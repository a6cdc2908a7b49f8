// endorse -> submit -> wait for commit, with read conflicts re-endorsed as NEW transactions (fresh txId, fresh reads).
// Contract errors surface at endorsement and are never retried: the same request would be refused again.
import type { Proposal, Status, Transaction } from '@hyperledger/fabric-gateway';
import { ApiError } from '../errors/api-error';
import { isReadConflict, toApiError, transactionInvalid } from './errors';
import type { Committed, LedgerCall, PreparedTransaction, SubmitHooks } from './ledger';

/** The part of a Fabric Contract this module needs, so tests can drive it with fakes. */
export interface ProposalSource {
  newProposal(transactionName: string, options: { arguments: string[] }): Pick<Proposal, 'endorse'>;
}

export type Deliverable = Pick<Transaction, 'submit'>;

export interface SubmitOptions extends SubmitHooks {
  maxConflictRetries: number;
  /** Told how long each commit wait took and how it ended (for metrics). */
  onCommitStatus?: (seconds: number, status: Status) => void;
}

const elapsedSeconds = (startedAt: bigint): number => Number(process.hrtime.bigint() - startedAt) / 1e9;

/** Hands an endorsed transaction to the orderer and waits for its validation code; Fabric errors become ApiErrors. */
export async function deliver(
  transaction: Deliverable,
  onCommitStatus?: SubmitOptions['onCommitStatus'],
): Promise<Status> {
  const startedAt = process.hrtime.bigint();
  try {
    const submitted = await transaction.submit();
    const status = await submitted.getStatus();
    onCommitStatus?.(elapsedSeconds(startedAt), status);
    return status;
  } catch (err) {
    throw toApiError(err);
  }
}

export const committedOrThrow = (status: Status, prepared: PreparedTransaction): Committed => {
  if (!status.successful) throw transactionInvalid(prepared.txId, status.code);
  return { txId: prepared.txId, blockNumber: status.blockNumber.toString(), result: prepared.result };
};

async function endorse(source: ProposalSource, call: LedgerCall): Promise<Transaction> {
  try {
    return await source.newProposal(call.fn, { arguments: [...call.args] }).endorse();
  } catch (err) {
    throw toApiError(err);
  }
}

export const prepare = (transaction: Transaction): PreparedTransaction => ({
  txId: transaction.getTransactionId(),
  envelope: Buffer.from(transaction.getBytes()).toString('base64'),
  result: Buffer.from(transaction.getResult()).toString('utf8'),
});

export async function submitWithRetry(
  source: ProposalSource,
  call: LedgerCall,
  options: SubmitOptions,
): Promise<Committed> {
  const attempts: string[] = [];
  for (;;) {
    const transaction = await endorse(source, call);
    const prepared = prepare(transaction);
    attempts.push(prepared.txId);
    await options.beforeSubmit?.(prepared);
    const status = await deliver(transaction, options.onCommitStatus);
    if (!status.successful && isReadConflict(status.code)) {
      if (attempts.length <= options.maxConflictRetries) continue;
      throw new ApiError('WRITE_CONTENTION', 'the ledger records involved kept changing; retry the request', {
        txIds: attempts,
      });
    }
    return committedOrThrow(status, prepared);
  }
}
