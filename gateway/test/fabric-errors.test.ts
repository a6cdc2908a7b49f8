import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { CONTRACT_ERROR_CODES, GATEWAY_ERROR_CODES, httpStatusOf } from '../src/errors/api-error';
import { parseContractError, toApiError } from '../src/fabric/errors';

const cause = (code: GrpcStatus): ServiceError =>
  Object.assign(new Error('grpc'), { code, details: 'grpc', metadata: new Metadata() });

const scfError = (code: string, details: object = {}) =>
  `SCF_ERROR:${JSON.stringify({ code, details, message: `refused: {"quoted": "}"}` })}`;

describe('Fabric error mapping', () => {
  it('finds SCF_ERROR JSON inside a peer message, braces in strings included', () => {
    expect(parseContractError(`chaincode response 500, ${scfError('DOUBLE_PLEDGE', { pledgeId: 'p' })}`)).toEqual({
      code: 'DOUBLE_PLEDGE',
      message: 'refused: {"quoted": "}"}',
      details: { pledgeId: 'p' },
    });
    expect(parseContractError('chaincode response 500, boom')).toBeUndefined();
    expect(parseContractError('SCF_ERROR:{"code":"NOT_A_CODE","message":"x"}')).toBeUndefined();
    expect(parseContractError('SCF_ERROR:{"code":"VALIDATION"')).toBeUndefined();
  });

  it.each([
    ['VALIDATION', 400],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['INVALID_STATE', 409],
    ['DOUBLE_PLEDGE', 409],
    ['DUPLICATE_INVOICE', 409],
    ['CONFLICT_EXTERNAL_REF', 409],
    ['NOT_DUE', 409],
  ])('maps a contract %s from the endorsement details to %i', (code, status) => {
    const err = new EndorseError({
      code: GrpcStatus.ABORTED,
      cause: cause(GrpcStatus.ABORTED),
      transactionId: 'tx1',
      message: '10 ABORTED: failed to endorse transaction',
      details: [
        {
          address: 'peer0:7051',
          mspId: 'CoreMSP',
          message: `chaincode response 500, ${scfError(code, { field: '$.id' })}`,
        },
      ],
    });
    const mapped = toApiError(err);
    expect(mapped.code).toBe(code);
    expect(mapped.status).toBe(status);
    expect(mapped.details).toEqual({ field: '$.id' });
  });

  it('maps unreachable peers and orderers to 503 with Retry-After', () => {
    for (const code of [GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]) {
      const err = new EndorseError({ code, cause: cause(code), transactionId: 't', details: [], message: 'down' });
      expect(toApiError(err)).toMatchObject({
        code: 'LEDGER_UNAVAILABLE',
        status: 503,
        headers: { 'retry-after': '5' },
      });
    }
    const submit = Object.assign(
      new GatewayError({ code: GrpcStatus.UNAVAILABLE, cause: cause(GrpcStatus.UNAVAILABLE), details: [] }),
      {
        name: 'SubmitError',
        transactionId: 't',
      },
    );
    expect(toApiError(submit).status).toBe(503);
  });

  it.each([
    [
      GrpcStatus.ABORTED,
      "error in simulation: failed to execute transaction t: could not launch chaincode 'receivables_1.0:ab': connection refused",
    ],
    [GrpcStatus.FAILED_PRECONDITION, 'no peers available to evaluate chaincode receivables in channel scf'],
    [GrpcStatus.UNKNOWN, 'no combination of peers can be derived which satisfy the endorsement policy'],
  ])('maps a recovering network (gRPC %i: %s) to 503 with Retry-After', (code, message) => {
    const err = new EndorseError({
      code,
      cause: cause(code),
      transactionId: 't',
      message: `${code}: failed to endorse transaction`,
      details: [{ address: 'peer0:7051', mspId: 'CoreMSP', message }],
    });
    expect(toApiError(err)).toMatchObject({ code: 'LEDGER_UNAVAILABLE', status: 503, headers: { 'retry-after': '5' } });
  });

  it('maps an unobservable commit to 202 with the txId', () => {
    const err = new CommitStatusError({
      code: GrpcStatus.DEADLINE_EXCEEDED,
      cause: cause(GrpcStatus.DEADLINE_EXCEEDED),
      transactionId: 'tx-42',
      details: [],
    });
    expect(toApiError(err)).toMatchObject({ code: 'COMMIT_PENDING', status: 202, details: { txId: 'tx-42' } });
    const lateSubmit = Object.assign(
      new GatewayError({ code: GrpcStatus.DEADLINE_EXCEEDED, cause: cause(GrpcStatus.DEADLINE_EXCEEDED), details: [] }),
      {
        name: 'SubmitError',
        transactionId: 'tx-43',
      },
    );
    expect(toApiError(lateSubmit)).toMatchObject({ code: 'COMMIT_PENDING', details: { txId: 'tx-43' } });
  });

  it('maps an invalid commit and unknown failures without leaking internals', () => {
    const invalid = new CommitError({ code: StatusCode.ENDORSEMENT_POLICY_FAILURE, transactionId: 'tx9' });
    expect(toApiError(invalid)).toMatchObject({
      code: 'TRANSACTION_INVALID',
      status: 502,
      details: { txId: 'tx9', validationCode: 'ENDORSEMENT_POLICY_FAILURE' },
    });
    expect(toApiError(new Error('secret path /x'))).toMatchObject({ code: 'INTERNAL', status: 500, details: {} });
  });

  it('gives every error code an HTTP status', () => {
    for (const code of [...CONTRACT_ERROR_CODES, ...GATEWAY_ERROR_CODES]) {
      expect(httpStatusOf(code)).toBeGreaterThanOrEqual(200);
    }
  });
});
