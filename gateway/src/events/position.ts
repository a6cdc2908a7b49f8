// An event's place in the ledger: its block and its index among this chaincode's events in that block.
// Fabric delivers a block's events in transaction order, so the pair is the same on every replay.
export interface EventPosition {
  block: bigint;
  index: number;
}

const POSITION = /^(0|[1-9][0-9]{0,19}):(0|[1-9][0-9]{0,5})$/;

export const formatPosition = (position: EventPosition): string => `${position.block}:${position.index}`;

export function parsePosition(text: string): EventPosition | undefined {
  const match = POSITION.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  return { block: BigInt(match[1]), index: Number(match[2]) };
}

export function comparePositions(a: EventPosition, b: EventPosition): number {
  if (a.block !== b.block) return a.block < b.block ? -1 : 1;
  return a.index - b.index;
}
