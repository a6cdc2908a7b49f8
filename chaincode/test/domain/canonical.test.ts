import { canonicalJson } from '../../src/domain/canonical';

describe('canonicalJson', () => {
  it('orders object keys at every depth, whatever the insertion order', () => {
    const a = canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: null } });
    const b = canonicalJson({ a: { c: null, d: [{ x: 2, y: 1 }] }, b: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"a":{"c":null,"d":[{"x":2,"y":1}]},"b":1}');
  });

  it('keeps split order in children but sorts sets of strings', () => {
    const json = canonicalJson({ children: ['R.1', 'R.2', 'R.10'], parties: ['SUP-T2', 'BANK-A'] });
    expect(JSON.parse(json)).toEqual({ children: ['R.1', 'R.2', 'R.10'], parties: ['BANK-A', 'SUP-T2'] });
  });
});
