import { BaselineContract } from './contract/baseline-contract';
import { PartyContract } from './contract/party-contract';
import { ReceivableContract } from './contract/receivable-contract';

export { BaselineContract, PartyContract, ReceivableContract };
/** fabric-chaincode-node loads this list; `receivables` is the default contract. */
export const contracts: (typeof ReceivableContract | typeof PartyContract | typeof BaselineContract)[] = [
  ReceivableContract,
  PartyContract,
  BaselineContract,
];
