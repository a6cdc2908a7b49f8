// The REST gateway's answers as the tests read them, declared once: the tests type each response with these
// (see GatewayProcess.request), so reading a field the API does not promise fails to compile.

/** Every successful write: the committed transaction and the chaincode's result. */
export interface Written<T> {
  txId: string;
  blockNumber: string;
  result: T;
}

/** The API's one error shape; DETAILS depend on the code. */
export interface ApiErrorBody<Details = Record<string, unknown>> {
  error: { code: string; message: string; details: Details };
}

export interface Receivable {
  id: string;
  holder: string;
  debtor: string;
  amount: string;
  status: string;
  settlement?: { payee: string; paymentRef: string } | null;
  encumbrance?: { pledgeId: string; pledgee: string; status: string } | null;
}

/** The result of an Issue: the receivable, and whether this call created it. */
export interface Issued extends Receivable {
  created: boolean;
}

export interface SplitResult {
  children: Receivable[];
}

export interface Pledge {
  id: string;
  status: string;
}

export interface HistoryEntry {
  txId: string;
}

export interface Conflict {
  id: string;
}

/** A page of a list route. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The details of a write the chaincode refused and recorded (409), e.g. DOUBLE_PLEDGE. */
export interface ConflictDetails {
  txId: string;
  conflict: Conflict;
  conflictIds: string[];
}

export interface Readiness {
  ready: boolean;
  peers: Record<string, boolean>;
  ordering: 'ok' | 'failing' | 'unknown';
}
