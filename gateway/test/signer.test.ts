import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { lowSDer, newNativeSigner } from '../src/fabric/signer';

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** (r, s) of a DER ECDSA signature. */
function parseDer(der: Uint8Array): { r: bigint; s: bigint } {
  const buf = Buffer.from(der);
  expect(buf[0]).toBe(0x30);
  expect(buf[1]).toBe(buf.length - 2);
  const rLength = buf[3] as number;
  const r = buf.subarray(4, 4 + rLength);
  const s = buf.subarray(6 + rLength);
  expect(buf[4 + rLength]).toBe(0x02);
  expect(buf[5 + rLength]).toBe(s.length);
  for (const int of [r, s]) {
    // Minimal DER: no needless leading zero, and a zero only in front of a high bit.
    if (int[0] === 0) expect((int[1] as number) & 0x80).toBe(0x80);
    expect((int[0] as number) & 0x80).toBe(0);
  }
  return { r: BigInt(`0x${r.toString('hex')}`), s: BigInt(`0x${s.toString('hex')}`) };
}

describe('native ECDSA signer', () => {
  it('produces DER signatures that verify and always have a low S (P-256)', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const signer = newNativeSigner(privateKey);
    for (let i = 0; i < 200; i++) {
      const message = randomBytes(64 + i);
      const signature = await signer(message);
      expect(verify('sha256', message, publicKey, signature)).toBe(true);
      expect(parseDer(signature).s <= P256_ORDER >> 1n).toBe(true);
    }
  });

  it('normalises a high S to n - S, which still verifies', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const message = Buffer.from('proposal bytes');
    const raw = sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const s = BigInt(`0x${raw.subarray(32).toString('hex')}`);
    // (r, s) and (r, n - s) are both valid; feed the high one in.
    const [low, high] = s > P256_ORDER >> 1n ? [P256_ORDER - s, s] : [s, P256_ORDER - s];
    const withHighS = Buffer.concat([raw.subarray(0, 32), Buffer.from(high.toString(16).padStart(64, '0'), 'hex')]);
    const der = lowSDer(withHighS, P256_ORDER);
    expect(parseDer(der).s).toBe(low);
    expect(verify('sha256', message, publicKey, der)).toBe(true);
  });

  it('signs with P-384 keys using SHA-384', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const message = randomBytes(300);
    expect(verify('sha384', message, publicKey, await newNativeSigner(privateKey)(message))).toBe(true);
  });

  it('refuses keys Fabric identities do not use', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => newNativeSigner(privateKey)).toThrow(/unsupported signing key: rsa/);
    const { privateKey: k256 } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    expect(() => newNativeSigner(k256)).toThrow(/unsupported signing key: ec secp256k1/);
  });
});
