import type { RecordedEvent } from '../event-store.port.js';
import type { CommittedBatchListener, ProjectionRunner } from '../projections/projection-runner.js';
import { CommittedEvents } from './committed-events.js';

const recorded = (position: bigint) => ({ streamId: 's', type: 'T', position }) as RecordedEvent;
const settled = () => new Promise((resolve) => setImmediate(resolve));

/** The runner as the tail sees it: the batches its passes commit, and when the read models have applied a position. */
function runner() {
  let handBatch!: CommittedBatchListener;
  const applied = new Map<bigint, () => void>();
  const waitedFor: bigint[] = [];
  const projections = {
    whenTailing: async () => undefined,
    onCommittedEvents: (listener: CommittedBatchListener) => {
      handBatch = listener;
      return () => undefined;
    },
    waitFor: (position: bigint) => {
      waitedFor.push(position);
      return new Promise<void>((resolve) => applied.set(position, resolve));
    },
  } as unknown as ProjectionRunner;
  return { projections, handBatch: (events: RecordedEvent[]) => handBatch(events), applied, waitedFor };
}

describe('CommittedEvents', () => {
  it('hands on the batches the runner commits, each once every read model has applied it, in order', async () => {
    const { projections, handBatch, applied, waitedFor } = runner();
    const feed = new CommittedEvents(projections);
    feed.onApplicationBootstrap();
    await feed.whenLive();
    const received: bigint[][] = [];
    feed.listen((batch) => received.push(batch.map((e) => e.position)));

    handBatch([recorded(42n), recorded(43n)]);
    handBatch([recorded(44n)]);
    await settled();
    expect(waitedFor).toEqual([43n]);
    expect(received).toEqual([]);
    applied.get(43n)!();
    await settled();
    expect(received).toEqual([[42n, 43n]]);
    expect(waitedFor).toEqual([43n, 44n]);
    applied.get(44n)!();
    await settled();
    expect(received).toEqual([[42n, 43n], [44n]]);
    feed.onModuleDestroy();
  });

  it('does not wait for the read models while nobody listens', async () => {
    const { projections, handBatch, waitedFor } = runner();
    const feed = new CommittedEvents(projections);
    feed.onApplicationBootstrap();
    handBatch([recorded(1n)]);
    await settled();
    expect(waitedFor).toEqual([]);
    feed.onModuleDestroy();
  });
});
