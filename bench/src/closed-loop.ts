// A closed-loop load: CONCURRENCY workers each start the next operation as soon as their last one ends.
import type { RawRun } from './measurement';

export type Operation = (index: number) => Promise<void>;

export async function closedLoop(count: number, concurrency: number, operation: Operation): Promise<RawRun> {
  const latenciesMs: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) {
      const started = process.hrtime.bigint();
      try {
        await operation(index);
      } catch (err) {
        errors.push(err instanceof Error ? err.message.slice(0, 300) : String(err));
      }
      latenciesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { latenciesMs, errors, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
