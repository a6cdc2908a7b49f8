// Which index a list query may scan: a caller only ever lists its own receivables and conflicts.
import { isAuditor, requireCompany } from './access';
import { parseListConflicts, parseListReceivables, type PageRequest } from './requests';
import type { Caller, PartyId, ReceivableStatus } from './types';

export interface ReceivableScan extends PageRequest {
  index: 'holder' | 'debtor';
  party: PartyId;
  status?: ReceivableStatus;
}

export function receivableScan(caller: Caller, raw: string): ReceivableScan {
  const request = parseListReceivables(raw);
  const party = requireCompany(caller);
  return {
    index: request.role,
    party: party.id,
    pageSize: request.pageSize,
    bookmark: request.bookmark,
    ...(request.status === undefined ? {} : { status: request.status }),
  };
}

/** Auditors scan every conflict; others only the index of conflicts recorded against their own claims. */
export type ConflictScan = PageRequest & ({ scope: 'all' } | { scope: 'party'; party: PartyId });

export function conflictScan(caller: Caller, raw: string): ConflictScan {
  const page = parseListConflicts(raw);
  if (isAuditor(caller)) return { scope: 'all', ...page };
  return { scope: 'party', party: requireCompany(caller).id, ...page };
}
