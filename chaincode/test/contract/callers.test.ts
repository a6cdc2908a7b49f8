// The wire contract's role table must name exactly the transactions the contracts expose, so no function is
// callable without a row and no row describes a function that does not exist.
import { CALLABLE_BY, CONTRACTS, ROLES, type ContractName, type Role } from '@scf/wire';
import type { Contract } from 'fabric-contract-api';
import { BaselineContract } from '../../src/contract/baseline-contract';
import { PartyContract } from '../../src/contract/party-contract';
import { ReceivableContract } from '../../src/contract/receivable-contract';

const CONTRACT_CLASSES: Record<ContractName, new () => Contract> = {
  receivables: ReceivableContract,
  parties: PartyContract,
  baseline: BaselineContract,
};

/** The transaction functions a contract class declares itself (not those inherited from Contract). */
const transactionsOf = (contract: new () => Contract): string[] =>
  Object.getOwnPropertyNames(contract.prototype)
    .filter((name) => name !== 'constructor')
    .sort();

describe('the role table of the wire contract', () => {
  it.each(CONTRACTS)('lists exactly the transactions of contract %s', (name) => {
    expect(Object.keys(CALLABLE_BY[name]).sort()).toEqual(transactionsOf(CONTRACT_CLASSES[name]));
    expect(new CONTRACT_CLASSES[name]().getName()).toBe(name);
  });

  it('grants every function to at least one known role', () => {
    for (const contract of CONTRACTS) {
      const table: Readonly<Record<string, readonly Role[]>> = CALLABLE_BY[contract];
      for (const roles of Object.values(table)) {
        expect(roles.length).toBeGreaterThan(0);
        for (const role of roles) expect(ROLES).toContain(role);
      }
    }
  });
});
