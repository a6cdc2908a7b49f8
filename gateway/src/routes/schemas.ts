// Request and response schemas shared by the routes. Request objects never accept unknown properties, and the
// formats and limits are the wire contract's (the chaincode's own), so bad input is refused before endorsement.
import {
  CURRENCY,
  DEFAULT_PAGE_SIZE,
  ERROR_CODES,
  MAX_CURSOR_LENGTH,
  MAX_INVOICES,
  MAX_PAGE_SIZE,
  PARTY_ID,
  PLEDGE_ID,
  RECEIVABLE_ID,
  RECEIVABLE_STATUSES,
  REFERENCE,
  type TextFormat,
} from '@scf/wire';
import { Type } from '@sinclair/typebox';
import type { StringOptions, TSchema } from '@sinclair/typebox';
import { IDEMPOTENCY_KEY_PATTERN } from '../idempotency/idempotent-writer';

/** Closed object: unknown fields are a 400. */
export const Strict = <T extends Parameters<typeof Type.Object>[0]>(properties: T, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

// Decimal strings of minor units; at most 19 digits (the chaincode also enforces < 2^63). Never JSON numbers.
export const PositiveAmount = Type.String({
  pattern: '^[1-9][0-9]{0,18}$',
  description: 'Amount in minor units as a decimal string, > 0',
  examples: ['1000000'],
});
/** A string in one of the wire contract's text formats. */
const formatted = (format: TextFormat, options: StringOptions = {}) =>
  Type.String({
    pattern: format.pattern.source,
    minLength: format.minLength,
    maxLength: format.maxLength,
    ...options,
  });

export const PartyId = formatted(PARTY_ID, { examples: ['SUP-T1'] });
export const ReceivableId = formatted(RECEIVABLE_ID, {
  description: 'Receivable id; split children are <parentId>.<n>',
});
export const PledgeId = formatted(PLEDGE_ID);
/** Printable ASCII without spaces, as the chaincode requires for references kept in keys. */
export const Reference = formatted(REFERENCE);
export const Currency = formatted(CURRENCY, { examples: ['CNY'] });
export const CalendarDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
export const ReceivableStatus = Type.Union(RECEIVABLE_STATUSES.map((s) => Type.Literal(s)));

export const Invoice = Strict({ number: Reference, code: Reference, amount: PositiveAmount });

const originationFields = {
  externalRef: Reference,
  amount: PositiveAmount,
  currency: Currency,
  dueDate: CalendarDate,
  invoices: Type.Array(Invoice, { minItems: 1, maxItems: MAX_INVOICES }),
};
export const IssueBody = Strict(
  { ...originationFields, creditor: PartyId },
  'A confirmed payable posted by the debtor',
);
export const ClaimBody = Strict({ ...originationFields, debtor: PartyId }, 'A receivable claimed by its creditor');

export const ReceivableParams = Strict({ id: ReceivableId });
export const PledgeParams = Strict({ pledgeId: PledgeId });

/** Writes that take no fields: an empty JSON object, or no body at all (see the preValidation hook in app.ts). */
export const EmptyBody = Strict({});

export const PageQuery = {
  cursor: Type.Optional(
    Type.String({ maxLength: MAX_CURSOR_LENGTH, description: 'Opaque cursor from a previous page' }),
  ),
  // Query values are strings (no type coercion anywhere in this API); checked against the limit by the chaincode.
  pageSize: Type.Optional(
    Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: `1..${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}` }),
  ),
};

/** The consistency token: a block number from an earlier answer (`blockNumber`), for reading your own writes. */
export const MIN_BLOCK_HEADER = 'x-scf-min-block';
const minBlockHeader = {
  [MIN_BLOCK_HEADER]: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,20}$',
      description:
        'Wait (up to 10 s, else 503 PEER_BEHIND) until this organisation’s peer has committed this block before ' +
        'answering: pass the blockNumber of a write made through another organisation to read or act on it at once',
    }),
  ),
};

/** Headers are open by nature (proxies add their own); only the ones the API reads are described. */
export const IdempotencyHeaders = Type.Object(
  {
    'idempotency-key': Type.String({
      pattern: IDEMPOTENCY_KEY_PATTERN,
      description: 'Client-chosen key; the same key and body return the first result, never a second transaction',
    }),
    ...minBlockHeader,
  },
  { additionalProperties: true },
);
export const ReadHeaders = Type.Object(minBlockHeader, { additionalProperties: true });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.Union(ERROR_CODES.map((c) => Type.Literal(c))),
      message: Type.String(),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  },
  { description: 'Every error, whatever its status' },
);

/** Committed write: the chaincode's value, the transaction id and its block. */
export const WriteResponse = Type.Object({
  txId: Type.String(),
  blockNumber: Type.String({ description: 'Block number as a decimal string' }),
  result: Type.Unknown({ description: 'The chaincode result' }),
});

const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
  503: ErrorResponse,
};

export const writeResponses = {
  200: WriteResponse,
  202: ErrorResponse,
  ...errorResponses,
  422: ErrorResponse,
};

/** Reads return the chaincode's JSON unchanged (declared loosely so serialisation never drops or coerces a field). */
export const readResponses = (description: string, schema: TSchema = Type.Unknown()) => ({
  200: { ...schema, description },
  ...errorResponses,
});

/** The schema of every write route: Idempotency-Key header and the write responses around the route's own parts. */
export const writeSchema = <S extends { summary: string; tags: string[]; params?: TSchema; body?: TSchema }>(
  parts: S,
) => ({
  ...parts,
  headers: IdempotencyHeaders,
  response: writeResponses,
  security: [{ bearerAuth: [] }],
});

/** The schema of every read route. */
export const readSchema = <S extends { summary: string; tags: string[]; params?: TSchema; querystring?: TSchema }>(
  parts: S,
  response: TSchema = Type.Unknown(),
) => ({
  ...parts,
  headers: ReadHeaders,
  response: readResponses(parts.summary, response),
  security: [{ bearerAuth: [] }],
});
