// The words both sides of the wire use: who a caller is, what kind of company, what state a record is in.

/** A caller's role, carried in its certificate as the attribute scf.role. */
export const ROLES = ['erp', 'treasury', 'credit', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PARTY_KINDS = ['CORE', 'SUPPLIER', 'BANK', 'AUDITOR'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const RECEIVABLE_STATUSES = ['PENDING', 'CONFIRMED', 'REJECTED', 'SPLIT', 'SETTLED', 'CANCELLED'] as const;
export type ReceivableStatus = (typeof RECEIVABLE_STATUSES)[number];

export const PLEDGE_STATUSES = ['PENDING', 'ACTIVE', 'REJECTED', 'RELEASED', 'SETTLED'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

export const CONFLICT_KINDS = ['DOUBLE_PLEDGE', 'DUPLICATE_INVOICE'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** Membership test for any of the lists above, narrowing an untrusted value. */
export const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  (list as readonly unknown[]).includes(value);
