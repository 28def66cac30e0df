import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BadUserInputError, CLOCK, ConflictError, type Clock, type RequestContext } from '@app/core';
import { CoverRestOfShiftCommand, ScheduleQueries } from '@app/scheduling';
import { endOfStretch } from '../domain/boundary/shift-end.js';
import type { Handover } from '../domain/handover/handover.decider.js';
import { HandoverAccessPolicy } from '../handovers.policy.js';
import { BoundaryRecorder } from '../scheduler/boundary-recorder.js';

const SHIFT_END_LOOKAHEAD_MS = 8 * 86_400_000;

export interface EndShiftNow {
  rotationId: string;
  /** Whose shift ends; absent: the caller's. */
  responderId?: string;
  /** Who takes over; absent: whoever the rotation has on call next. */
  handToId?: string;
}

/**
 * A responder hands over early: the next responder covers the rest of the shift (an override
 * from now to its scheduled end) and the boundary is recorded at once, with the open escalations
 * the leaver is DRI of, so the handover happens now. Should the process stop between the two
 * appends, the boundary walker finds the boundary the override made and records it (same id).
 */
export class EndShiftNowCommand extends Command<Handover> {
  constructor(
    readonly input: EndShiftNow,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(EndShiftNowCommand)
export class EndShiftNowHandler implements ICommandHandler<EndShiftNowCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly schedule: ScheduleQueries,
    private readonly recorder: BoundaryRecorder,
    private readonly access: HandoverAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: EndShiftNowCommand): Promise<Handover> {
    this.access.assertCanEndShift(context, input.responderId);
    const rotation = this.schedule.rotation(input.rotationId);
    const leaverId = this.access.shiftEnder(context, input.responderId);
    const now = this.clock.now();
    const stretches = this.schedule.rotationShifts(
      rotation.rotationId,
      now,
      new Date(now.getTime() + SHIFT_END_LOOKAHEAD_MS),
    );
    const end = endOfStretch(stretches, leaverId, now.getTime());
    if (end === undefined) {
      throw new ConflictError(
        `Responder ${leaverId} is not on call in ${rotation.name} now: there is no shift to end`,
        {
          responderId: leaverId,
          rotationId: rotation.rotationId,
        },
      );
    }
    const onCallNow = new Set(
      stretches.filter((s) => s.start <= now.getTime() && now.getTime() < s.end).map((s) => s.responderId),
    );
    const takerId = input.handToId ?? this.nextOnCall(rotation.rotationId, new Date(end), onCallNow);
    if (!takerId) {
      throw new BadUserInputError(
        'handToId',
        `nobody in ${rotation.name} is on call after this shift ends (${new Date(end).toISOString()}): name who takes over`,
      );
    }
    this.schedule.responder(takerId);
    if (onCallNow.has(takerId)) {
      throw new BadUserInputError('handToId', `responder ${takerId} is already on call in ${rotation.name}`);
    }
    await this.commands
      .execute(
        new CoverRestOfShiftCommand(
          {
            rotationId: rotation.rotationId,
            responderId: takerId,
            replacesResponderId: leaverId,
            start: now.toISOString(),
            end: new Date(end).toISOString(),
            note: 'Took over early: the shift was ended with endShiftNow',
          },
          context,
        ),
      )
      .catch((error: unknown) => {
        // The override's covering responder is the one this command calls handToId.
        if (error instanceof BadUserInputError && error.field === 'responderId') {
          throw new BadUserInputError('handToId', error.message);
        }
        throw error;
      });
    return this.recorder.record(
      {
        rotationId: rotation.rotationId,
        at: now,
        outgoing: [leaverId],
        stepId: `boundary:${rotation.rotationId}:${now.toISOString()}`,
      },
      context,
    );
  }

  /** The first responder on call in the rotation once the shift ends who is not on call now. */
  private nextOnCall(rotationId: string, at: Date, onCallNow: Set<string>): string | undefined {
    const [next] = this.schedule.onCallAt(at, [rotationId]);
    return next.onCall.map((entry) => entry.responderId).find((id) => !onCallNow.has(id));
  }
}
