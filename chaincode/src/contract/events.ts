import type { ChaincodeStub } from 'fabric-shim-api';
import { canonicalJson } from '../domain/canonical';
import type { LedgerEvent } from '../domain/events';

/** Fabric keeps only the last setEvent of a transaction, so each rule yields at most one event. */
export function emitEvent(stub: ChaincodeStub, event: LedgerEvent): void {
  stub.setEvent(event.type, Buffer.from(canonicalJson(event), 'utf8'));
}
