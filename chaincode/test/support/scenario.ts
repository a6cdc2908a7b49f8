// Shared domain-test setup: a ledger with the demo parties and helpers to reach common states.
import { issue } from '../../src/domain/issue';
import { pledge } from '../../src/domain/pledge';
import { split } from '../../src/domain/split';
import type { ErrorCode } from '../../src/domain/errors';
import type { Caller, Pledge, Receivable, TxInfo } from '../../src/domain/types';
import { CALLERS, PARTIES, TODAY, issueRequest, txOn } from './fixtures';
import { MemoryLedger } from './memory-ledger';

export const newLedger = (): MemoryLedger => new MemoryLedger(Object.values(PARTIES));

export const today = (): TxInfo => txOn(TODAY);

export async function issued(ledger: MemoryLedger, ref = 'PO-1', amount = '1000000'): Promise<Receivable> {
  return ledger.done(issue, CALLERS.core, today(), issueRequest(ref, amount));
}

export async function splitInto(
  ledger: MemoryLedger,
  caller: Caller,
  id: string,
  parts: { holder: string; amount: string }[],
): Promise<Receivable[]> {
  return (await ledger.done(split, caller, today(), { id, parts })).children;
}

export async function pledged(
  ledger: MemoryLedger,
  caller: Caller,
  id: string,
  pledgee = 'BANK-A',
  securedAmount = '1',
): Promise<Pledge> {
  return ledger.done(pledge, caller, today(), { id, pledgee, securedAmount, loanRef: `LOAN-${id.slice(-6)}` });
}

/** Asserts a rule refuses with the given code and changes nothing. */
export async function expectRefusal(
  ledger: MemoryLedger,
  attempt: () => Promise<unknown>,
  code: ErrorCode,
): Promise<void> {
  const before = JSON.stringify([
    ...ledger.receivables.values(),
    ...ledger.pledges.values(),
    ...ledger.conflicts.values(),
  ]);
  await expect(attempt()).rejects.toMatchObject({ code });
  expect(
    JSON.stringify([...ledger.receivables.values(), ...ledger.pledges.values(), ...ledger.conflicts.values()]),
  ).toBe(before);
}
