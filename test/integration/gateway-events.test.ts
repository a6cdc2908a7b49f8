// SSE: a client sees its events in ledger order and, after a gateway restart, resumes from Last-Event-ID without
// gaps or repeats, including events committed while the gateway was down.
import { defined } from '../support/defined';
import { connectAs } from '../support/fabric';
import { issue, useGateway } from '../support/gateway-client';
import { mentions, precedes } from '../support/sse';

describe('gateway: server-sent events across a restart', () => {
  const g = useGateway();

  it('delivers in order and resumes without gaps or repeats', async () => {
    const { id } = (await issue(g(), 'SUP-T3', '900')).result;

    // Session 1: everything SUP-T3 may see, up to the issue of our receivable.
    const session1 = await g().readEvents('SUP-T3', (events) => events.some(mentions(id)));
    const issuedEvent = session1.find(mentions(id));
    expect(issuedEvent?.type).toBe('ReceivableIssued');
    const lastSeen = defined(session1.at(-1), 'an event in the first session').id;

    // The gateway goes down; the holder splits through Fabric directly meanwhile.
    await g().stop();
    const direct = connectAs('SUP-T3');
    try {
      const parts = [
        { holder: 'SUP-T3', amount: '400' },
        { holder: 'SUP-T2', amount: '500' },
      ];
      await direct.contract().submitTransaction('Split', JSON.stringify({ id, parts }));
    } finally {
      direct.close();
    }

    // Session 2: after the restart, resume after the last event seen; then a live event.
    await g().launch();
    const resumed = g().readEvents(
      'SUP-T3',
      (events) => events.some((e) => e.type === 'ReceivableTransferred' && mentions(id)(e)),
      {
        lastEventId: lastSeen,
      },
    );
    const transferred = await g().as('SUP-T3').post(`/v1/receivables/${id}.1/transfer`, { to: 'SUP-T1' });
    expect(transferred.status).toBe(200);
    const session2 = await resumed;

    expect(session2.filter(mentions(id)).map((e) => e.type)).toEqual(['ReceivableSplit', 'ReceivableTransferred']);
    const ids = [...session1, ...session2].map((e) => e.id);
    for (const [i, next] of ids.slice(1).entries())
      expect(precedes(defined(ids[i], 'the previous id'), next)).toBe(true);

    // A fresh replay of the whole stream up to the same point is exactly what the two sessions saw together.
    const last = defined(ids.at(-1), 'an event id');
    const replay = await g().readEvents('SUP-T3', (events) => events.some((e) => e.id === last));
    // The last chunk read may run past `last` if other tests committed meanwhile.
    expect(replay.map((e) => e.id).filter((id) => !precedes(last, id))).toEqual(ids);
  });
});
