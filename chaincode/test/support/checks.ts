// Typed checks for tests: narrow what TypeScript cannot know (a present value, a reply's status) and fail with
// a message naming what was missing, instead of a `!` or a cast that turns into a TypeError later on.
import type { RefusedReply, Reply } from '../../src/domain/outcome';

export { defined } from '../../../test/support/defined';

export function doneValue<V>(reply: Reply<V>): V {
  if (reply.status !== 'DONE') throw new Error(`expected DONE, got ${JSON.stringify(reply)}`);
  return reply.value;
}

export function refusedReply(reply: Reply<unknown>): RefusedReply {
  if (reply.status !== 'REFUSED') throw new Error(`expected REFUSED, got ${JSON.stringify(reply)}`);
  return reply;
}
