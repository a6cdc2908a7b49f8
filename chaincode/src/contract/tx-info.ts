import type { ChaincodeStub } from 'fabric-shim-api';
import type { CalendarDate, TxInfo } from '../domain/types';

/** Fabric timestamps carry seconds as a Long (or a number in some clients). */
export interface WireTimestamp {
  seconds: { toString(): string } | number;
  nanos: number;
}

export function timestampToIso(timestamp: WireTimestamp): string {
  const millis = Number(String(timestamp.seconds)) * 1000 + Math.floor(timestamp.nanos / 1_000_000);
  return new Date(millis).toISOString();
}

/** The proposal's timestamp is signed by the client and identical on every endorser, unlike the local clock. */
export function txInfo(stub: ChaincodeStub): TxInfo {
  const at = timestampToIso(stub.getTxTimestamp());
  return { txId: stub.getTxID(), at, date: at.slice(0, 10) as CalendarDate };
}
