// Names that mean different things stay different types, so an identity name is never passed where a party id is due.
import { isOneOf, ROLES, type Role } from '@scf/wire';

export type { Role } from '@scf/wire';

export type Brand<T, B extends string> = T & { readonly __brand: B };

/** A key of the connection description's `identities` (e.g. `SUP-T1`, `core-admin`). */
export type IdentityName = Brand<string, 'IdentityName'>;
/** A company id registered on the ledger (e.g. `SUP-T1`). */
export type PartyId = Brand<string, 'PartyId'>;
/** An organisation key of the connection description (e.g. `supplier`). */
export type OrgName = Brand<string, 'OrgName'>;

export const isRole = (value: unknown): value is Role => isOneOf(ROLES, value);

/** The authenticated caller: exactly one identity of the connection description. */
export interface Caller {
  identity: IdentityName;
  org: OrgName;
  mspId: string;
  party: PartyId | null;
  role: Role;
}

export const assertNever = (value: never): never => {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
};
