import { status as GrpcStatus } from '@grpc/grpc-js';
import { EndorseError, StatusCode } from '@hyperledger/fabric-gateway';
import type { Status } from '@hyperledger/fabric-gateway';
import { ApiError } from '../src/errors/api-error';
import { submitWithRetry } from '../src/fabric/submit';
import type { ProposalSource } from '../src/fabric/submit';
import type { LedgerCall, PreparedTransaction } from '../src/fabric/ledger';
import { defined } from './helpers/assertions';

/** A Fabric contract whose attempts end with the given validation codes, in order. */
function fakeContract(outcomes: Array<number | Error>): ProposalSource & { endorsements: number } {
  const source = {
    endorsements: 0,
    newProposal: () => ({
      endorse: () => {
        const outcome = outcomes[source.endorsements];
        source.endorsements += 1;
        if (outcome instanceof Error) return Promise.reject(outcome);
        const txId = `tx${source.endorsements}`;
        const status: Status = {
          blockNumber: 9n,
          code: outcome as Status['code'],
          successful: outcome === StatusCode.VALID,
          transactionId: txId,
        };
        return Promise.resolve({
          getTransactionId: () => txId,
          getBytes: () => Buffer.from(`envelope-${txId}`),
          getResult: () => Buffer.from(JSON.stringify({ status: 'DONE', value: txId })),
          submit: () => Promise.resolve({ getStatus: () => Promise.resolve(status) }),
        } as never);
      },
    }),
  };
  return source;
}

const call: LedgerCall = { contract: 'receivables', fn: 'Pledge', args: ['{}'] };

describe('submitWithRetry', () => {
  it('re-endorses an MVCC read conflict as a new transaction and records each attempt before submitting it', async () => {
    const contract = fakeContract([StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT, StatusCode.VALID]);
    const prepared: PreparedTransaction[] = [];
    const committed = await submitWithRetry(contract, call, {
      maxConflictRetries: 3,
      beforeSubmit: (p) => {
        prepared.push(p);
        return Promise.resolve();
      },
    });
    expect(committed).toEqual({
      txId: 'tx3',
      blockNumber: '9',
      result: JSON.stringify({ status: 'DONE', value: 'tx3' }),
    });
    expect(prepared.map((p) => p.txId)).toEqual(['tx1', 'tx2', 'tx3']);
    expect(Buffer.from(defined(prepared[0], 'the first attempt').envelope, 'base64').toString()).toBe('envelope-tx1');
  });

  it('gives up after the bounded number of retries', async () => {
    const contract = fakeContract(Array.from({ length: 10 }, () => StatusCode.MVCC_READ_CONFLICT));
    await expect(submitWithRetry(contract, call, { maxConflictRetries: 2 })).rejects.toMatchObject({
      code: 'WRITE_CONTENTION',
      details: { txIds: ['tx1', 'tx2', 'tx3'] },
    });
    expect(contract.endorsements).toBe(3);
  });

  it('never retries a contract error or another invalid validation code', async () => {
    const refusal = new EndorseError({
      code: GrpcStatus.ABORTED,
      cause: Object.assign(new Error('x'), { code: 10, details: '', metadata: {} }) as never,
      transactionId: 'tx1',
      details: [
        { address: 'p', mspId: 'CoreMSP', message: 'SCF_ERROR:{"code":"FORBIDDEN","details":{},"message":"no"}' },
      ],
    });
    const refused = fakeContract([refusal, StatusCode.VALID]);
    await expect(submitWithRetry(refused, call, { maxConflictRetries: 3 })).rejects.toEqual(expect.any(ApiError));
    await expect(submitWithRetry(fakeContract([refusal]), call, { maxConflictRetries: 3 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(refused.endorsements).toBe(1);

    const policy = fakeContract([StatusCode.ENDORSEMENT_POLICY_FAILURE, StatusCode.VALID]);
    await expect(submitWithRetry(policy, call, { maxConflictRetries: 3 })).rejects.toMatchObject({
      code: 'TRANSACTION_INVALID',
    });
    expect(policy.endorsements).toBe(1);
  });
});
