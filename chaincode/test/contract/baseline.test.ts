import { demoNetwork, IDS, refusal } from '../support/network';
import { BaselineContract } from '../../src/contract/baseline-contract';
import { defined } from '../support/checks';

const baseline = new BaselineContract();

describe('baseline probe contract', () => {
  it('writes with exactly one putState and no read, and reads it back for an org admin', async () => {
    const fabric = await demoNetwork();
    const put = await fabric.simulate(baseline, 'Put', IDS.coreAdmin, ['k-1', 'v'.repeat(100)]);
    expect(put.error).toBeUndefined();
    expect([put.reads.size, put.writes.size]).toEqual([0, 1]);
    expect(fabric.commit(put)).toBe('VALID');
    expect(JSON.parse(defined(put.result, 'the Put reply'))).toEqual({ key: 'k-1' });

    const get = await fabric.simulate(baseline, 'Get', IDS.bank1Admin, ['k-1']);
    expect([get.reads.size, get.writes.size]).toEqual([1, 0]);
    expect(JSON.parse(defined(get.result, 'the Get reply'))).toEqual({ key: 'k-1', value: 'v'.repeat(100) });
    expect(JSON.parse(await fabric.evaluate(baseline, 'Get', IDS.bank1Admin, 'k-2'))).toEqual({
      key: 'k-2',
      value: null,
    });
  });

  it('refuses companies, bad keys and empty or oversized values, writing nothing', async () => {
    const fabric = await demoNetwork();
    const before = fabric.keys();
    expect(await refusal(fabric.submit(baseline, 'Put', IDS.t1, 'k-1', 'v'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(fabric.evaluate(baseline, 'Get', IDS.auditor, 'k-1'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(fabric.submit(baseline, 'Put', IDS.coreAdmin, 'has space', 'v'))).toMatchObject({
      details: { field: '$.key' },
    });
    expect(await refusal(fabric.submit(baseline, 'Put', IDS.coreAdmin, 'k-1', ''))).toMatchObject({
      code: 'VALIDATION',
      details: { field: '$.value' },
    });
    expect(await refusal(fabric.submit(baseline, 'Put', IDS.coreAdmin, 'k-1', 'v'.repeat(1025)))).toMatchObject({
      code: 'VALIDATION',
    });
    expect(fabric.keys()).toEqual(before);
  });
});
