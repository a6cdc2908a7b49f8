// ECDSA signing in OpenSSL (node:crypto) instead of fabric-gateway's pure-JavaScript signer: the benchmark showed
// signing was the gateway's largest CPU cost. Fabric accepts only low-S signatures, so S is normalised here.
import { sign, type KeyObject } from 'node:crypto';
import type { Signer } from '@hyperledger/fabric-gateway';

/** Group orders of the curves Fabric CAs issue keys on. */
const CURVE_ORDER: Record<string, bigint> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

const HASH_OF_CURVE: Record<string, string> = { prime256v1: 'sha256', secp384r1: 'sha384' };

const toBigInt = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

/** A DER INTEGER: big-endian, minimal, with a 0x00 prefix when the top bit is set. */
function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] as number) & 0x80) bytes = Buffer.concat([Buffer.of(0), bytes]);
  return Buffer.concat([Buffer.of(0x02, bytes.length), bytes]);
}

/** DER SEQUENCE { r, s } with S in the lower half of the group order. */
export function lowSDer(ieeeP1363: Uint8Array, order: bigint): Buffer {
  const half = ieeeP1363.length / 2;
  const r = toBigInt(ieeeP1363.subarray(0, half));
  let s = toBigInt(ieeeP1363.subarray(half));
  if (s > order >> 1n) s = order - s;
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  // At most 2 x (2 + 49) bytes for P-384, so the short length form always fits.
  return Buffer.concat([Buffer.of(0x30, body.length), body]);
}

/**
 * A signer for `connect({ hash: hash.none, signer })`: it receives the whole message, hashes it with the curve's
 * hash and signs it natively (the digest-only API of OpenSSL is not exposed by node:crypto).
 */
export function newNativeSigner(privateKey: KeyObject): Signer {
  const curve = privateKey.asymmetricKeyDetails?.namedCurve;
  const order = curve === undefined ? undefined : CURVE_ORDER[curve];
  if (privateKey.asymmetricKeyType !== 'ec' || curve === undefined || order === undefined) {
    throw new Error(`unsupported signing key: ${privateKey.asymmetricKeyType ?? 'unknown'} ${curve ?? ''}`.trim());
  }
  const hash = HASH_OF_CURVE[curve] as string;
  return (message) =>
    Promise.resolve(lowSDer(sign(hash, message, { key: privateKey, dsaEncoding: 'ieee-p1363' }), order));
}
