import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { CommitError, CommitStatusError, EndorseError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import { ApiError, ERROR_CODES, httpStatusOf } from '../src/errors/api-error';
import type { ErrorCode } from '../src/errors/api-error';
import { parseContractError, toApiError } from '../src/fabric/errors';

/** The status each code must have, written out here so that a wrong entry in the wire contract's table fails. */
const EXPECTED_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  DOUBLE_PLEDGE: 409,
  DUPLICATE_INVOICE: 409,
  CONFLICT_EXTERNAL_REF: 409,
  NOT_DUE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  REQUEST_IN_PROGRESS: 409,
  WRITE_CONTENTION: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  COMMIT_PENDING: 202,
  LEDGER_UNAVAILABLE: 503,
  PEER_BEHIND: 503,
  TRANSACTION_INVALID: 502,
  LEDGER_ERROR: 502,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, number>;

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
    expect(toApiError(submit)).toMatchObject({
      code: 'LEDGER_UNAVAILABLE',
      status: 503,
      headers: { 'retry-after': '5' },
    });
  });

  it.each([
    [
      GrpcStatus.ABORTED,
      "error in simulation: failed to execute transaction t: could not launch chaincode 'receivables_1.0:ab': connection refused",
      'could not launch chaincode',
    ],
    [
      GrpcStatus.FAILED_PRECONDITION,
      'no peers available to evaluate chaincode receivables in channel scf',
      'no peers available',
    ],
    [
      GrpcStatus.UNKNOWN,
      'no combination of peers can be derived which satisfy the endorsement policy',
      'no combination of peers',
    ],
    [
      GrpcStatus.ABORTED,
      'failed to collect enough transaction endorsements, see attached details for more info',
      'failed to collect enough transaction endorsements',
    ],
  ])('maps a recovering network (gRPC %i: %s) to 503 with Retry-After, naming the cause', (code, message, named) => {
    const err = new EndorseError({
      code,
      cause: cause(code),
      transactionId: 't',
      message: `${code}: failed to endorse transaction`,
      details: [{ address: 'peer0:7051', mspId: 'CoreMSP', message }],
    });
    expect(toApiError(err)).toMatchObject({
      code: 'LEDGER_UNAVAILABLE',
      status: 503,
      headers: { 'retry-after': '5' },
      // The peer's own words for the condition, not just "unavailable".
      message: `the endorsing network is unavailable (${named}), retry later`,
    });
  });

  it('answers 503, not the refusal, when one endorser refuses and the others disagree with it', () => {
    const refusal =
      'chaincode response 500, SCF_ERROR:{"code":"NOT_FOUND","details":{},"message":"receivable RCV-1 does not exist"}';
    const endorsementFailed = (coreSays: string) =>
      new EndorseError({
        code: GrpcStatus.ABORTED,
        cause: cause(GrpcStatus.ABORTED),
        transactionId: 't',
        message: '10 ABORTED: failed to endorse transaction, see attached details for more info',
        details: [
          { address: 'peer0.bank2:10051', mspId: 'Bank2MSP', message: refusal },
          { address: 'peer0.core:7051', mspId: 'CoreMSP', message: coreSays },
        ],
      });
    expect(toApiError(endorsementFailed('ProposalResponsePayloads do not match'))).toMatchObject({
      code: 'LEDGER_UNAVAILABLE',
      status: 503,
      headers: { 'retry-after': '5' },
      details: { refusedBy: 'Bank2MSP', refusal: { code: 'NOT_FOUND' } },
    });
    // Every endorser that answered refused alike: that is the ledger's answer.
    expect(toApiError(endorsementFailed(refusal))).toMatchObject({ code: 'NOT_FOUND', status: 404 });
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
    expect(toApiError(lateSubmit)).toMatchObject({ code: 'COMMIT_PENDING', status: 202, details: { txId: 'tx-43' } });
  });

  it('maps an invalid commit and unknown failures without leaking internals', () => {
    const invalid = new CommitError({ code: StatusCode.ENDORSEMENT_POLICY_FAILURE, transactionId: 'tx9' });
    expect(toApiError(invalid)).toMatchObject({
      code: 'TRANSACTION_INVALID',
      status: 502,
      details: { txId: 'tx9', validationCode: 'ENDORSEMENT_POLICY_FAILURE' },
    });
    // Exactly this body: toMatchObject's `details: {}` would accept any details at all.
    const internal = toApiError(new Error('secret path /x'));
    expect(internal.status).toBe(500);
    expect(internal.toBody()).toEqual({ error: { code: 'INTERNAL', message: 'internal error', details: {} } });
  });

  it('lists exactly the codes of the API in the expected statuses', () => {
    expect(Object.keys(EXPECTED_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each(ERROR_CODES.map((code) => [code, EXPECTED_STATUS[code]] as const))(
    'gives %s the HTTP status %i',
    (code, status) => {
      expect(httpStatusOf(code)).toBe(status);
      expect(new ApiError(code, 'x').status).toBe(status);
    },
  );
});
