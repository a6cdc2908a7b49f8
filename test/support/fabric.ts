import * as grpc from '@grpc/grpc-js';
import { connect, Contract, Gateway, hash, signers } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConnectionDescription, IdentityEntry, loadConnection } from './network';

export interface FabricSession {
  contract(name?: string): Contract;
  /** Another chaincode of the channel, e.g. the system chaincode `qscc`. */
  chaincode(name: string): Contract;
  close(): void;
}

/**
 * Connects as the identity NAME of the connection description through the peer of ORG
 * (by default the identity's own organisation's peer). DESCRIPTION defaults to the shared network's.
 */
export function connectAs(name: string, org?: string, description = loadConnection()): FabricSession {
  const identity = description.identities[name];
  if (!identity) throw new Error(`no identity '${name}' in the connection description`);
  return connectWith(identity, org ?? identity.org, description);
}

/** Connects with any certificate and key (e.g. one enrolled by a test) through ORG's peer. */
export function connectWith(
  identity: Pick<IdentityEntry, 'mspId' | 'certPath' | 'keyPath'>,
  org: string,
  description: ConnectionDescription = loadConnection(),
): FabricSession {
  const peer = description.orgs[org]?.peer;
  if (!peer) throw new Error(`no peer for org '${org}'`);

  const client = new grpc.Client(peer.endpoint, grpc.credentials.createSsl(readFileSync(peer.tlsRootCertPath)), {
    'grpc.ssl_target_name_override': peer.hostAlias,
  });
  const gateway: Gateway = connect({
    client,
    identity: { mspId: identity.mspId, credentials: readFileSync(identity.certPath) },
    signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(identity.keyPath))),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 10_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
    submitOptions: () => ({ deadline: Date.now() + 10_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 20_000 }),
  });
  const network = gateway.getNetwork(description.channel);
  return {
    contract: (name?: string) => network.getContract(description.chaincode, name),
    chaincode: (name: string) => network.getContract(name),
    close: () => {
      gateway.close();
      client.close();
    },
  };
}

export const decode = (bytes: Uint8Array): unknown => JSON.parse(Buffer.from(bytes).toString('utf8'));
