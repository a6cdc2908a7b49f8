// The real chaincode event feed: Fabric Gateway's ChaincodeEvents service, read as IDENTITY through its org's peer.
import type { FabricConnections } from '../fabric/connection';
import type { IdentityName } from '../types';
import type { ChaincodeEventFeed } from './listener';

export const fabricEventFeed = (connections: FabricConnections, identity: IdentityName): ChaincodeEventFeed => ({
  open: (startBlock) =>
    connections.network(identity).getChaincodeEvents(connections.description.chaincode, { startBlock }),
});
