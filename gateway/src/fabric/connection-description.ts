// The description `scripts/network.sh up` writes; read once at start and validated so a typo fails loudly.
import { readFileSync } from 'node:fs';
import { isRole } from '../types';
import type { OrgName, PartyId, Role } from '../types';

export interface PeerDescription {
  endpoint: string;
  hostAlias: string;
  tlsRootCertPath: string;
}

export interface OrgDescription {
  mspId: string;
  peer: PeerDescription;
}

export interface IdentityDescription {
  org: OrgName;
  mspId: string;
  party: PartyId | null;
  role: Role;
  certPath: string;
  keyPath: string;
}

export interface ConnectionDescription {
  channel: string;
  chaincode: string;
  orgs: Record<string, OrgDescription>;
  identities: Record<string, IdentityDescription>;
}

const fail = (message: string): never => {
  throw new Error(`connection description: ${message}`);
};

const requireString = (value: unknown, where: string): string =>
  typeof value === 'string' && value.length > 0 ? value : fail(`${where} must be a non-empty string`);

const asRecord = (value: unknown, where: string): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : fail(`${where} must be an object`);

function parseIdentity(name: string, raw: unknown, orgs: Record<string, OrgDescription>): IdentityDescription {
  const where = `identities.${name}`;
  const f = asRecord(raw, where);
  const org = requireString(f.org, `${where}.org`);
  const orgDescription = orgs[org] ?? fail(`${where}.org names an unknown org '${org}'`);
  const mspId = requireString(f.mspId, `${where}.mspId`);
  // An identity presented through another org's MSP would be refused by the peer; catch it here instead.
  if (mspId !== orgDescription.mspId) fail(`${where}.mspId ${mspId} is not the MSP of org '${org}'`);
  const role = isRole(f.role) ? f.role : fail(`${where}.role '${String(f.role)}' is not a known role`);
  const party = f.party === null || f.party === undefined ? null : requireString(f.party, `${where}.party`);
  return {
    org: org as OrgName,
    mspId,
    party: party as PartyId | null,
    role,
    certPath: requireString(f.certPath, `${where}.certPath`),
    keyPath: requireString(f.keyPath, `${where}.keyPath`),
  };
}

export function parseConnectionDescription(raw: unknown): ConnectionDescription {
  const root = asRecord(raw, 'root');
  const orgs: Record<string, OrgDescription> = {};
  for (const [name, value] of Object.entries(asRecord(root.orgs, 'orgs'))) {
    const org = asRecord(value, `orgs.${name}`);
    const peer = asRecord(org.peer, `orgs.${name}.peer`);
    orgs[name] = {
      mspId: requireString(org.mspId, `orgs.${name}.mspId`),
      peer: {
        endpoint: requireString(peer.endpoint, `orgs.${name}.peer.endpoint`),
        hostAlias: requireString(peer.hostAlias, `orgs.${name}.peer.hostAlias`),
        tlsRootCertPath: requireString(peer.tlsRootCertPath, `orgs.${name}.peer.tlsRootCertPath`),
      },
    };
  }
  const identities: Record<string, IdentityDescription> = {};
  for (const [name, value] of Object.entries(asRecord(root.identities, 'identities'))) {
    identities[name] = parseIdentity(name, value, orgs);
  }
  return {
    channel: requireString(root.channel, 'channel'),
    chaincode: requireString(root.chaincode, 'chaincode'),
    orgs,
    identities,
  };
}

export const loadConnectionDescription = (path: string): ConnectionDescription =>
  parseConnectionDescription(JSON.parse(readFileSync(path, 'utf8')));

export function identityOf(description: ConnectionDescription, name: string): IdentityDescription | undefined {
  return Object.hasOwn(description.identities, name) ? description.identities[name] : undefined;
}
