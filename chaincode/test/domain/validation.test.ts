import { parseAmount, MAX_AMOUNT } from '../../src/domain/amount';
import { DomainError } from '../../src/domain/errors';
import { issue } from '../../src/domain/issue';
import { MAX_INVOICES } from '@scf/wire';
import { parseIssue, parseListReceivables, parseSplit } from '../../src/domain/requests';
import { isCalendarDate } from '../../src/domain/validation';
import { CALLERS, issueRequest } from '../support/fixtures';
import { expectRefusal, newLedger, today } from '../support/scenario';

const validationOf = (attempt: () => unknown): DomainError => {
  try {
    attempt();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a VALIDATION error');
};

describe('amount parsing', () => {
  it.each(['0', '1', '100', MAX_AMOUNT.toString()])('accepts %s', (text) => {
    expect(parseAmount(text)).toBe(text);
  });

  it.each([
    ['negative', '-5'],
    ['fractional', '10.5'],
    ['exponent', '1e6'],
    ['hex', '0x10'],
    ['leading zero', '007'],
    ['leading whitespace', ' 100'],
    ['trailing whitespace', '100 '],
    ['plus sign', '+1'],
    ['empty', ''],
    ['2^63', (MAX_AMOUNT + 1n).toString()],
    ['huge', '9'.repeat(40)],
  ])('refuses %s', (_label, text) => {
    expect(parseAmount(text)).toBeUndefined();
  });

  it.each([
    ['zero', '0'],
    ['negative', '-1'],
    ['fraction', '1.00'],
    ['exponent', '1E3'],
    ['hex', '0xff'],
    ['over 2^63-1', '9223372036854775808'],
    ['leading zeros', '0100'],
    ['whitespace', '1 000'],
  ])('an Issue with a %s amount is VALIDATION', (_label, amount) => {
    const error = validationOf(() => parseIssue(JSON.stringify({ ...issueRequest('X'), amount })));
    expect(error.code).toBe('VALIDATION');
    expect(error.details.field).toBe('$.amount');
  });

  it('refuses a JSON number amount (precision is lost past 2^53)', () => {
    expect(validationOf(() => parseIssue(JSON.stringify({ ...issueRequest('X'), amount: 100 }))).code).toBe(
      'VALIDATION',
    );
  });
});

describe('dates', () => {
  it.each(['2030-02-28', '2028-02-29', '2000-02-29', '2030-12-31'])('%s is a real date', (d) => {
    expect(isCalendarDate(d)).toBe(true);
  });
  it.each([
    '2030-02-29',
    '1900-02-29',
    '2030-13-01',
    '2030-04-31',
    '2030-00-10',
    '2030-1-01',
    '30-01-01',
    '2030-01-01T00:00',
  ])('%s is not', (d) => {
    expect(isCalendarDate(d)).toBe(false);
  });

  it('refuses a due date in the past relative to the transaction date', async () => {
    const ledger = newLedger();
    await expectRefusal(
      ledger,
      () => ledger.run(issue, CALLERS.core, today(), { ...issueRequest('OLD'), dueDate: '2030-05-31' }),
      'VALIDATION',
    );
  });
});

describe('request shape', () => {
  it('refuses unknown fields, naming them', () => {
    const error = validationOf(() => parseIssue(JSON.stringify({ ...issueRequest('X'), debtor: 'CORE-001' })));
    expect(error.details).toMatchObject({ unknownFields: ['debtor'] });
  });

  it('refuses unknown fields inside invoices', () => {
    const request = issueRequest('X');
    const invoices = [{ ...request.invoices[0], vat: '1' }];
    expect(validationOf(() => parseIssue(JSON.stringify({ ...request, invoices }))).details.field).toBe(
      '$.invoices[0]',
    );
  });

  it('refuses missing fields, non-JSON and non-objects', () => {
    // JSON.stringify leaves out undefined properties: the request text has no currency at all.
    const withoutCurrency = JSON.stringify({ ...issueRequest('X'), currency: undefined });
    expect(withoutCurrency).not.toContain('currency');
    expect(validationOf(() => parseIssue(withoutCurrency)).details.field).toBe('$.currency');
    expect(validationOf(() => parseIssue('{not json')).code).toBe('VALIDATION');
    expect(validationOf(() => parseIssue('[]')).code).toBe('VALIDATION');
  });

  it.each(['eur', 'EURO', 'E1R'])('refuses currency %s', (currency) => {
    expect(validationOf(() => parseIssue(JSON.stringify({ ...issueRequest('X'), currency }))).details.field).toBe(
      '$.currency',
    );
  });

  it('bounds string lengths and invoice counts', () => {
    expect(
      validationOf(() => parseIssue(JSON.stringify({ ...issueRequest('X'), externalRef: 'R'.repeat(65) }))).details
        .field,
    ).toBe('$.externalRef');
    expect(validationOf(() => parseIssue(JSON.stringify({ ...issueRequest('X'), invoices: [] }))).details.field).toBe(
      '$.invoices',
    );
    const invoices = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ number: `INV-${i}`, code: 'INV', amount: '1' }));
    const withInvoices = (count: number) =>
      JSON.stringify({ ...issueRequest('X', String(count)), invoices: invoices(count) });
    expect(parseIssue(withInvoices(MAX_INVOICES)).invoices).toHaveLength(MAX_INVOICES);
    expect(validationOf(() => parseIssue(withInvoices(MAX_INVOICES + 1))).details.field).toBe('$.invoices');
  });

  it('refuses the same invoice twice in one request', () => {
    const request = issueRequest('X');
    const invoice = request.invoices[0];
    expect(validationOf(() => parseIssue(JSON.stringify({ ...request, invoices: [invoice, invoice] }))).code).toBe(
      'VALIDATION',
    );
  });

  it('refuses empty and oversized splits', () => {
    const id = `RCV-${'a'.repeat(32)}`;
    const part = { holder: 'SUP-T2', amount: '1' };
    expect(validationOf(() => parseSplit(JSON.stringify({ id, parts: [] }))).details.field).toBe('$.parts');
    expect(validationOf(() => parseSplit(JSON.stringify({ id, parts: [part] }))).details.field).toBe('$.parts');
    expect(validationOf(() => parseSplit(JSON.stringify({ id, parts: Array(51).fill(part) }))).details.field).toBe(
      '$.parts',
    );
    expect(
      validationOf(() => parseSplit(JSON.stringify({ id, parts: [part, { holder: 'SUP-T3', amount: '0' }] }))).details
        .field,
    ).toBe('$.parts[1].amount');
  });

  it('bounds page sizes and list roles', () => {
    expect(parseListReceivables('{"role":"holder"}')).toMatchObject({ pageSize: 50, bookmark: '' });
    expect(validationOf(() => parseListReceivables('{"role":"holder","pageSize":101}')).details.field).toBe(
      '$.pageSize',
    );
    expect(validationOf(() => parseListReceivables('{"role":"owner"}')).details.field).toBe('$.role');
    expect(validationOf(() => parseListReceivables('{"role":"holder","status":"LOST"}')).details.field).toBe(
      '$.status',
    );
  });
});
