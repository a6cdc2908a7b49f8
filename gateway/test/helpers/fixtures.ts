// A connection description shaped like the local network's (paths are never read by unit tests).
import { parseConnectionDescription } from '../../src/fabric/connection-description';
import type { ConnectionDescription } from '../../src/fabric/connection-description';

const org = (mspId: string, port: number) => ({
  mspId,
  peer: { endpoint: `127.0.0.1:${port}`, hostAlias: `peer0.${mspId}.local`, tlsRootCertPath: '/nonexistent/ca.pem' },
});

const identity = (org: string, mspId: string, party: string | null, role: string) => ({
  org,
  mspId,
  party,
  role,
  certPath: '/nonexistent/cert.pem',
  keyPath: '/nonexistent/key.pem',
});

export const description: ConnectionDescription = parseConnectionDescription({
  channel: 'scf',
  chaincode: 'receivables',
  orgs: {
    core: org('CoreMSP', 7051),
    supplier: org('SupplierMSP', 8051),
    bank1: org('Bank1MSP', 9051),
    bank2: org('Bank2MSP', 10051),
    auditor: org('AuditorMSP', 11051),
  },
  identities: {
    'CORE-001': identity('core', 'CoreMSP', 'CORE-001', 'erp'),
    'SUP-T1': identity('supplier', 'SupplierMSP', 'SUP-T1', 'treasury'),
    'SUP-T2': identity('supplier', 'SupplierMSP', 'SUP-T2', 'treasury'),
    'BANK-A': identity('bank1', 'Bank1MSP', 'BANK-A', 'credit'),
    'BANK-B': identity('bank2', 'Bank2MSP', 'BANK-B', 'credit'),
    'AUDIT-01': identity('auditor', 'AuditorMSP', 'AUDIT-01', 'auditor'),
    'supplier-admin': identity('supplier', 'SupplierMSP', null, 'admin'),
  },
});

export const RECEIVABLE_ID = 'RCV-0123456789abcdef0123456789abcdef';
export const PLEDGE_ID = `${RECEIVABLE_ID}~P1`;

export const issueBody = (overrides: Record<string, unknown> = {}) => ({
  externalRef: 'PO-1',
  creditor: 'SUP-T1',
  amount: '1000000',
  currency: 'CNY',
  dueDate: '2030-01-31',
  invoices: [{ number: 'INV-1', code: 'C1', amount: '1000000' }],
  ...overrides,
});
