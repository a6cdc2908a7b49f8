// Shared domain-test setup: a ledger with the demo parties and helpers to reach common states.
import { issue } from '../../src/domain/issue';
import { pledge } from '../../src/domain/pledge';
import { split } from '../../src/domain/split';
import type { ErrorCode } from '../../src/domain/errors';
import type { RefusedReply, Reply } from '../../src/domain/outcome';
import type { Caller, Conflict, Pledge, Receivable, TxInfo } from '../../src/domain/types';
import { defined, refusedReply } from './checks';
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

/** Everything a rule can write, as plain data to compare before and after. */
export const stateOf = (ledger: MemoryLedger) => ({
  parties: [...ledger.parties.values()],
  receivables: [...ledger.receivables.values()],
  pledges: [...ledger.pledges.values()],
  fingerprints: [...ledger.fingerprints.values()],
  conflicts: [...ledger.conflicts.values()],
});

/** Asserts a rule refuses with the given code and changes nothing. */
export async function expectRefusal(
  ledger: MemoryLedger,
  attempt: () => Promise<unknown>,
  code: ErrorCode,
): Promise<void> {
  const before = structuredClone(stateOf(ledger));
  const events = ledger.events.length;
  await expect(attempt()).rejects.toMatchObject({ code });
  expect(stateOf(ledger)).toEqual(before);
  expect(ledger.events).toHaveLength(events);
}

/**
 * Asserts a rule answers REFUSED with the given code and that the only change it commits is its conflict
 * records, written to the ledger state as replied, with one ConflictRecorded event. Returns the records as
 * read back from the state, for the caller to check their content.
 */
export async function expectRefusedAndRecorded(
  ledger: MemoryLedger,
  attempt: () => Promise<Reply<unknown>>,
  code: Extract<ErrorCode, 'DOUBLE_PLEDGE' | 'DUPLICATE_INVOICE'>,
): Promise<{ reply: RefusedReply; recorded: Conflict[] }> {
  const before = structuredClone(stateOf(ledger));
  const events = ledger.events.length;
  const reply = refusedReply(await attempt());
  expect(reply.error.code).toBe(code);
  const replied = reply.conflicts ?? [reply.conflict];
  const recorded = replied.map((c) => defined(ledger.conflicts.get(c.id), `conflict ${c.id} in the ledger state`));
  expect(recorded).toEqual(replied);
  expect(stateOf(ledger)).toEqual({ ...before, conflicts: [...before.conflicts, ...recorded] });
  expect(ledger.events).toHaveLength(events + 1);
  expect(ledger.events.at(-1)).toMatchObject({ type: 'ConflictRecorded', conflictId: reply.conflict.id });
  return { reply, recorded };
}
