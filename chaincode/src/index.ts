import { PartyContract } from './contract/party-contract';
import { ReceivableContract } from './contract/receivable-contract';

export { PartyContract, ReceivableContract };
/** fabric-chaincode-node loads this list; `receivables` is the default contract. */
export const contracts: (typeof ReceivableContract | typeof PartyContract)[] = [ReceivableContract, PartyContract];
