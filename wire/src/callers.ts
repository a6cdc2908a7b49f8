// Which roles may call each chaincode function. The chaincode's rules check these roles (plus the caller's
// stake in the record), and the gateway refuses the same roles at the route with 403 before endorsing.
import type { Role } from './vocabulary';

export const CONTRACTS = ['receivables', 'parties', 'baseline'] as const;
export type ContractName = (typeof CONTRACTS)[number];

/** Holders act on their receivables as treasury (suppliers) or credit (banks that took one over). */
const HOLDERS = ['treasury', 'credit'] as const satisfies readonly Role[];
/** Every role of a registered company; org admins have no company and read no receivable. */
const COMPANIES = ['erp', 'treasury', 'credit', 'auditor'] as const satisfies readonly Role[];
const ANYONE = ['erp', 'treasury', 'credit', 'auditor', 'admin'] as const satisfies readonly Role[];

export const CALLABLE_BY = {
  receivables: {
    Issue: ['erp'],
    IssueBatch: ['erp'],
    Claim: ['treasury'],
    Confirm: ['erp'],
    Reject: ['erp'],
    Split: ['treasury'],
    Transfer: HOLDERS,
    Pledge: HOLDERS,
    AcceptPledge: ['credit'],
    RejectPledge: ['credit'],
    ReleasePledge: ['credit'],
    Settle: ['erp'],
    Cancel: ['erp'],
    GetReceivable: COMPANIES,
    ListReceivables: COMPANIES,
    CountReceivables: COMPANIES,
    GetEncumbrance: COMPANIES,
    GetLineage: COMPANIES,
    GetHistory: COMPANIES,
    GetPledge: COMPANIES,
    ListConflicts: COMPANIES,
  },
  parties: {
    RegisterParty: ['admin'],
    GetParty: ANYONE,
    ListParties: ANYONE,
  },
  baseline: {
    Put: ['admin'],
    Get: ['admin'],
  },
} as const satisfies Record<ContractName, Record<string, readonly Role[]>>;

export type FunctionName<C extends ContractName> = keyof (typeof CALLABLE_BY)[C] & string;
export type ReceivableFunction = FunctionName<'receivables'>;

export const rolesFor = <C extends ContractName>(contract: C, fn: FunctionName<C>): readonly Role[] =>
  (CALLABLE_BY[contract] as Record<string, readonly Role[]>)[fn] ?? [];
