import { Inject } from '@nestjs/common';
import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { LiveChanges, type RecordedEvent } from '@app/event-store';
import { responderStream } from '../domain/responder/responder.events.js';
import { ScheduleQueries, type RotationOnCall } from '../projections/schedule.queries.js';
import { RotationOnCallModel } from './models/on-call.model.js';
import { SchedulingMapper } from './scheduling.mapper.js';

const RESPONDER_STREAM_PREFIX = responderStream('');

/** How often watched rotations are looked at again for changes time alone makes (a shift starting). */
export const ON_CALL_REFRESH_MS = Symbol('ON_CALL_REFRESH_MS');
export const DEFAULT_ON_CALL_REFRESH_MS = 30_000;

/** What makes one answer differ from another, leaving out the instant it was asked at. */
const fingerprint = (entry: RotationOnCall) => JSON.stringify([entry.rotation, entry.onCall, entry.shadowIds]);

/**
 * Live on-call: a rotation's `currentOnCall` answer again whenever it changes. Events that name a
 * rotation (its own, overrides, swaps, corrections, shift boundaries recorded when a shift ends)
 * or a responder taking part in it are looked at, and every watched rotation again every 30 s (a
 * shift that starts after a gap records no event); an answer equal to the last one sent is left out.
 */
@Resolver(() => RotationOnCallModel)
export class OnCallChangesResolver {
  constructor(
    private readonly live: LiveChanges,
    private readonly queries: ScheduleQueries,
    private readonly mapper: SchedulingMapper,
    @Inject(ON_CALL_REFRESH_MS) private readonly refreshMs: number,
  ) {}

  @Subscription(() => RotationOnCallModel, {
    description:
      'Who is on call in a rotation (every rotation without `rotationId`), each time it changes, in the shape `currentOnCall` answers',
    resolve: (onCall: RotationOnCallModel) => onCall,
  })
  onCallChanged(
    @Args('rotationId', { type: () => ID, nullable: true }) rotationId?: string | null,
  ): AsyncIterableIterator<RotationOnCallModel> {
    if (rotationId) this.queries.rotation(rotationId);
    // what the client knows (it asks currentOnCall when it subscribes): only changes from there are sent
    const sent = new Map<string, string>(
      this.queries
        .onCallAt(undefined, rotationId ? [rotationId] : undefined)
        .map((entry) => [entry.rotation.rotationId, fingerprint(entry)]),
    );
    return this.live.watch({
      keysOf: (event) => this.rotationsChangedBy(event).filter((id) => !rotationId || id === rotationId),
      alsoEvery: {
        ms: this.refreshMs,
        keys: () => (rotationId ? [rotationId] : this.queries.rotations().map((rotation) => rotation.rotationId)),
      },
      // the keys are rotation ids: what waits can never outgrow the rotations
      maxPending: Number.POSITIVE_INFINITY,
      load: (id) => {
        const [entry] = this.queries.onCallAt(undefined, [id]);
        const print = fingerprint(entry);
        if (sent.get(id) === print) return undefined;
        sent.set(id, print);
        return this.mapper.rotationOnCall(entry);
      },
    });
  }

  private rotationsChangedBy(event: RecordedEvent): string[] {
    const named = event.data.rotationId;
    if (typeof named === 'string') return [named];
    if (!event.streamId.startsWith(RESPONDER_STREAM_PREFIX)) return [];
    const responderId = event.streamId.slice(RESPONDER_STREAM_PREFIX.length);
    return this.queries.rotationsOf(responderId).map((rotation) => rotation.rotationId);
  }
}
