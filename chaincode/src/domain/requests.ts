// One parser per request shape; each returns a typed request or throws VALIDATION.
import {
  DEFAULT_PAGE_SIZE,
  MAX_BATCH_ITEMS,
  MAX_CURSOR_LENGTH,
  MAX_INVOICES,
  MAX_LEGAL_NAME_LENGTH,
  MAX_PAGE_SIZE,
  MAX_REASON_LENGTH,
  MAX_SPLIT_PARTS,
  MIN_SPLIT_PARTS,
  PLEDGE_ID,
  RECEIVABLE_ID,
} from '@scf/wire';
import { atItem, validation } from './errors';
import { PARTY_KINDS, RECEIVABLE_STATUSES } from './types';
import type { Amount, CalendarDate, PartyId, PartyKind, PledgeId, ReceivableId, ReceivableStatus } from './types';
import {
  amount,
  calendarDate,
  currency,
  formatted,
  integer,
  list,
  object,
  oneOf,
  optional,
  parseJsonRequest,
  partyId,
  reference,
  text,
} from './validation';

const ROOT = '$';

const receivableId = (value: unknown, path: string): ReceivableId =>
  formatted(value, path, RECEIVABLE_ID) as ReceivableId;
const pledgeId = (value: unknown, path: string): PledgeId => formatted(value, path, PLEDGE_ID) as PledgeId;

export const parseReceivableIdArgument = (value: string): ReceivableId => receivableId(value, 'id');
export const parsePledgeIdArgument = (value: string): PledgeId => pledgeId(value, 'pledgeId');
export const parsePartyIdArgument = (value: string): PartyId => partyId(value, 'id');

export interface RegisterPartyRequest {
  id: PartyId;
  legalName: string;
  kind: PartyKind;
}

export function parseRegisterParty(raw: string): RegisterPartyRequest {
  const f = object(parseJsonRequest(raw), ROOT, ['id', 'legalName', 'kind']);
  return {
    id: partyId(f.id, '$.id'),
    legalName: text(f.legalName, '$.legalName', { min: 1, max: MAX_LEGAL_NAME_LENGTH, pattern: /^\S(.*\S)?$/ }),
    kind: oneOf(f.kind, '$.kind', PARTY_KINDS),
  };
}

export interface InvoiceInput {
  number: string;
  code: string;
  amount: Amount;
}

/** Fields shared by Issue and Claim; `counterparty` is the creditor (Issue) or the debtor (Claim). */
export interface OriginationRequest {
  externalRef: string;
  counterparty: PartyId;
  amount: Amount;
  currency: string;
  dueDate: CalendarDate;
  invoices: InvoiceInput[];
}

function parseInvoice(value: unknown, path: string): InvoiceInput {
  const f = object(value, path, ['number', 'code', 'amount']);
  return {
    number: reference(f.number, `${path}.number`),
    code: reference(f.code, `${path}.code`),
    amount: amount(f.amount, `${path}.amount`),
  };
}

function parseOrigination(value: unknown, path: string, counterpartyField: 'creditor' | 'debtor'): OriginationRequest {
  const f = object(value, path, ['externalRef', counterpartyField, 'amount', 'currency', 'dueDate', 'invoices']);
  const invoices = list(f.invoices, `${path}.invoices`, 1, MAX_INVOICES, parseInvoice);
  const seen = new Set<string>();
  invoices.forEach((invoice, index) => {
    const key = `${invoice.code}|${invoice.number}`;
    if (seen.has(key)) throw validation('the same invoice is listed twice', { field: `${path}.invoices[${index}]` });
    seen.add(key);
  });
  return {
    externalRef: reference(f.externalRef, `${path}.externalRef`),
    counterparty: partyId(f[counterpartyField], `${path}.${counterpartyField}`),
    amount: amount(f.amount, `${path}.amount`),
    currency: currency(f.currency, `${path}.currency`),
    dueDate: calendarDate(f.dueDate, `${path}.dueDate`),
    invoices,
  };
}

export const parseIssue = (raw: string): OriginationRequest =>
  parseOrigination(parseJsonRequest(raw), ROOT, 'creditor');
export const parseClaim = (raw: string): OriginationRequest => parseOrigination(parseJsonRequest(raw), ROOT, 'debtor');

export function parseIssueBatch(raw: string): OriginationRequest[] {
  const f = object(parseJsonRequest(raw), ROOT, ['items']);
  return list(f.items, '$.items', 1, MAX_BATCH_ITEMS, (item, path, index) => {
    try {
      return parseOrigination(item, path, 'creditor');
    } catch (error) {
      throw atItem(error, index);
    }
  });
}

export interface IdRequest {
  id: ReceivableId;
}
export function parseIdRequest(raw: string): IdRequest {
  const f = object(parseJsonRequest(raw), ROOT, ['id']);
  return { id: receivableId(f.id, '$.id') };
}

export interface RejectRequest extends IdRequest {
  reason: string;
}
export function parseReject(raw: string): RejectRequest {
  const f = object(parseJsonRequest(raw), ROOT, ['id', 'reason']);
  return { id: receivableId(f.id, '$.id'), reason: text(f.reason, '$.reason', { min: 1, max: MAX_REASON_LENGTH }) };
}

export interface SplitPart {
  holder: PartyId;
  amount: Amount;
}
export interface SplitRequest extends IdRequest {
  parts: SplitPart[];
}
export function parseSplit(raw: string): SplitRequest {
  const f = object(parseJsonRequest(raw), ROOT, ['id', 'parts']);
  return {
    id: receivableId(f.id, '$.id'),
    parts: list(f.parts, '$.parts', MIN_SPLIT_PARTS, MAX_SPLIT_PARTS, (value, path) => {
      const part = object(value, path, ['holder', 'amount']);
      return { holder: partyId(part.holder, `${path}.holder`), amount: amount(part.amount, `${path}.amount`) };
    }),
  };
}

export interface TransferRequest extends IdRequest {
  to: PartyId;
}
export function parseTransfer(raw: string): TransferRequest {
  const f = object(parseJsonRequest(raw), ROOT, ['id', 'to']);
  return { id: receivableId(f.id, '$.id'), to: partyId(f.to, '$.to') };
}

export interface PledgeRequest extends IdRequest {
  pledgee: PartyId;
  securedAmount: Amount;
  loanRef: string;
}
export function parsePledge(raw: string): PledgeRequest {
  const f = object(parseJsonRequest(raw), ROOT, ['id', 'pledgee', 'securedAmount', 'loanRef']);
  return {
    id: receivableId(f.id, '$.id'),
    pledgee: partyId(f.pledgee, '$.pledgee'),
    securedAmount: amount(f.securedAmount, '$.securedAmount'),
    loanRef: reference(f.loanRef, '$.loanRef'),
  };
}

export interface PledgeActionRequest {
  pledgeId: PledgeId;
}
export function parsePledgeAction(raw: string): PledgeActionRequest {
  const f = object(parseJsonRequest(raw), ROOT, ['pledgeId']);
  return { pledgeId: pledgeId(f.pledgeId, '$.pledgeId') };
}

export interface SettleRequest extends IdRequest {
  paymentRef: string;
}
export function parseSettle(raw: string): SettleRequest {
  const f = object(parseJsonRequest(raw), ROOT, ['id', 'paymentRef']);
  return { id: receivableId(f.id, '$.id'), paymentRef: reference(f.paymentRef, '$.paymentRef') };
}

export interface PageRequest {
  pageSize: number;
  bookmark: string;
}
const PAGE_FIELDS = ['pageSize', 'bookmark'] as const;
function parsePage(f: Record<string, unknown>): PageRequest {
  return {
    pageSize: optional(f.pageSize, (v) => integer(v, '$.pageSize', 1, MAX_PAGE_SIZE)) ?? DEFAULT_PAGE_SIZE,
    bookmark: optional(f.bookmark, (v) => text(v, '$.bookmark', { min: 0, max: MAX_CURSOR_LENGTH })) ?? '',
  };
}

export interface ListReceivablesRequest extends PageRequest {
  role: 'holder' | 'debtor';
  status?: ReceivableStatus;
}
export function parseListReceivables(raw: string): ListReceivablesRequest {
  const f = object(parseJsonRequest(raw), ROOT, ['role'], ['status', ...PAGE_FIELDS]);
  const status = optional(f.status, (v) => oneOf(v, '$.status', RECEIVABLE_STATUSES));
  return {
    role: oneOf(f.role, '$.role', ['holder', 'debtor'] as const),
    ...(status === undefined ? {} : { status }),
    ...parsePage(f),
  };
}

export function parseListConflicts(raw: string): PageRequest {
  return parsePage(object(parseJsonRequest(raw), ROOT, [], PAGE_FIELDS));
}
