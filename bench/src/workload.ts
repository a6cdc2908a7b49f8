// The requests every path sends, built in one place so the direct and HTTP runs do exactly the same work.

/** Who does what: each operation runs as the company whose job it is, through its own organisation's peer. */
export const ACTORS = {
  debtor: 'CORE-001',
  holder: 'SUP-T1',
  nextTier: 'SUP-T2',
  bank: 'BANK-A',
  auditor: 'AUDIT-01',
  operator: 'core-admin',
} as const;

export const FACE_VALUE = 100_000n;

export interface IssueRequest {
  externalRef: string;
  creditor: string;
  amount: string;
  currency: string;
  dueDate: string;
  invoices: { number: string; code: string; amount: string }[];
}

/** Unique per run and per item, so repeated runs never collide on externalRef or invoice. */
export class Workload {
  #counter = 0;

  constructor(
    readonly runId: string,
    private readonly dueDate: string,
  ) {}

  static create(now = new Date()): Workload {
    const due = new Date(now.getTime() + 365 * 86_400_000).toISOString().slice(0, 10);
    return new Workload(
      now
        .toISOString()
        .replace(/[-:.TZ]/g, '')
        .slice(0, 14),
      due,
    );
  }

  issue(creditor: string = ACTORS.holder, amount: bigint = FACE_VALUE): IssueRequest {
    const n = ++this.#counter;
    return {
      externalRef: `BENCH-${this.runId}-${n}`,
      creditor,
      amount: amount.toString(),
      currency: 'CNY',
      dueDate: this.dueDate,
      invoices: [{ number: `INV-${this.runId}-${n}`, code: 'BENCH', amount: amount.toString() }],
    };
  }

  batch(size: number, creditor: string = ACTORS.holder): { items: IssueRequest[] } {
    return { items: Array.from({ length: size }, () => this.issue(creditor)) };
  }

  /** Passes 40% up the chain and keeps the rest. */
  split(amount: bigint = FACE_VALUE): { parts: { holder: string; amount: string }[] } {
    const passed = (amount * 2n) / 5n;
    return {
      parts: [
        { holder: ACTORS.nextTier, amount: passed.toString() },
        { holder: ACTORS.holder, amount: (amount - passed).toString() },
      ],
    };
  }

  /** Splits into N equal parts kept by the holder (for building lineage trees). */
  evenSplit(amount: bigint, parts: number): { parts: { holder: string; amount: string }[] } {
    const share = amount / BigInt(parts);
    return {
      parts: Array.from({ length: parts }, (_, i) => ({
        holder: ACTORS.holder,
        amount: (i === parts - 1 ? amount - share * BigInt(parts - 1) : share).toString(),
      })),
    };
  }

  pledge(): { pledgee: string; securedAmount: string; loanRef: string } {
    return {
      pledgee: ACTORS.bank,
      securedAmount: FACE_VALUE.toString(),
      loanRef: `LOAN-${this.runId}-${++this.#counter}`,
    };
  }
}
