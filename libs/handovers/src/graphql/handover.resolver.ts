import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { assertTimeRange, CurrentRequest, PageArgs, pageOfList, type RequestContext } from '@app/core';
import { ScheduleQueries } from '@app/scheduling';
import { AcceptHandoverCommand } from '../commands/accept-handover.command.js';
import { ConfigureHandoversCommand } from '../commands/configure-handovers.command.js';
import { DraftHandoverSummaryCommand } from '../commands/draft-handover-summary.command.js';
import { EndShiftNowCommand } from '../commands/end-shift-now.command.js';
import { WriteHandoverSummaryCommand } from '../commands/write-handover-summary.command.js';
import { HandoverQueries } from '../projections/handover.queries.js';
import { HandoversMapper } from './handovers.mapper.js';
import {
  AcceptHandoverInput,
  EndShiftNowInput,
  HandoverDraftInput,
  HandoverSettingsInput,
  HandoverSummaryInput,
} from './inputs/handover.input.js';
import {
  HandoverDraftModel,
  HandoverSettingsModel,
  ShiftBoundaryConnection,
  ShiftBoundaryModel,
} from './models/shift-boundary.model.js';

/** How far back in the boundaries handed to someone items still waiting are looked for. */
const IN_PROGRESS_LOOK_BACK = 100;

@Resolver(() => ShiftBoundaryModel)
export class HandoverResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: HandoverQueries,
    private readonly schedule: ScheduleQueries,
    private readonly mapper: HandoversMapper,
  ) {}

  @Query(() => ShiftBoundaryConnection, {
    description:
      'A rotation’s shift boundaries in [from, to) (when both are given: to after from, at most 400 days), the latest first, with the escalations open at each',
  })
  shiftBoundaries(
    @Args('rotationId', { type: () => ID }) rotationId: string,
    @Args() { first, after }: PageArgs,
    @Args('from', { type: () => Date, nullable: true }) from?: Date,
    @Args('to', { type: () => Date, nullable: true }) to?: Date,
  ): ShiftBoundaryConnection {
    if (from && to) assertTimeRange(from, to);
    this.schedule.rotation(rotationId);
    const page = this.queries.boundaries(rotationId, { from, to }, first, after);
    return { ...page, nodes: this.mapper.boundaries(page.nodes) };
  }

  @Query(() => ShiftBoundaryModel, { description: 'A handover with its summaries (and as Markdown)' })
  handover(@Args('boundaryId', { type: () => ID }) boundaryId: string): ShiftBoundaryModel {
    return this.mapper.boundary(this.queries.handover(boundaryId));
  }

  @Query(() => ShiftBoundaryConnection, {
    description:
      'What is in progress from the previous shift: the boundaries handed to this responder with items still waiting, the latest first',
  })
  inProgressFromPreviousShift(
    @Args('responderId', { type: () => ID }) responderId: string,
    @Args() page: PageArgs,
  ): ShiftBoundaryConnection {
    this.schedule.responder(responderId);
    const waiting = this.mapper
      .boundaries(this.queries.handedTo(responderId, IN_PROGRESS_LOOK_BACK))
      .filter((boundary) => boundary.pendingCount > 0);
    return pageOfList(waiting, page, (boundary) => [-boundary.at.getTime(), boundary.id], 2);
  }

  @Query(() => HandoverDraftModel, {
    nullable: true,
    description: 'The latest handover draft of an escalation (written in the last hour of a shift)',
  })
  handoverDraft(@Args('escalationId', { type: () => ID }) escalationId: string): HandoverDraftModel | null {
    const draft = this.queries.draft(escalationId);
    return draft ? this.mapper.draft(draft) : null;
  }

  @Query(() => HandoverSettingsModel)
  handoverSettings(@Args('rotationId', { type: () => ID }) rotationId: string): HandoverSettingsModel {
    this.schedule.rotation(rotationId);
    return this.mapper.settings(this.queries.settings(rotationId), !this.queries.hasSettings(rotationId));
  }

  @Mutation(() => HandoverSettingsModel, { description: 'The grace period and receiving rotations of a rotation' })
  async configureHandovers(
    @Args('input') input: HandoverSettingsInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<HandoverSettingsModel> {
    await this.commands.execute(
      new ConfigureHandoversCommand(
        {
          rotationId: input.rotationId,
          graceMinutes: input.graceMinutes,
          receivingRotationIds: input.receivingRotationIds ?? [],
        },
        context,
      ),
    );
    return this.handoverSettings(input.rotationId);
  }

  @Mutation(() => ShiftBoundaryModel, {
    description: 'The outgoing DRI summarises an escalation: status, what was tried, next steps',
  })
  async writeHandoverSummary(
    @Args('input') input: HandoverSummaryInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<ShiftBoundaryModel> {
    const { boundaryId, escalationId, ...summary } = input;
    await this.commands.execute(new WriteHandoverSummaryCommand(boundaryId, escalationId, summary, context));
    return this.handover(boundaryId);
  }

  @Mutation(() => ShiftBoundaryModel, {
    description: 'Someone taking over accepts items and becomes their DRI, or names another DRI',
  })
  async acceptHandover(
    @Args('input') input: AcceptHandoverInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<ShiftBoundaryModel> {
    await this.commands.execute(new AcceptHandoverCommand(input, context));
    return this.handover(input.boundaryId);
  }

  @Mutation(() => HandoverDraftModel, {
    description:
      'During the last hour of a shift, its DRI drafts (and rewrites) the handover of an escalation; the boundary attaches it',
  })
  async draftHandoverSummary(
    @Args('input') input: HandoverDraftInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<HandoverDraftModel> {
    return this.mapper.draft(await this.commands.execute(new DraftHandoverSummaryCommand(input, context)));
  }

  @Mutation(() => ShiftBoundaryModel, {
    description:
      'Hand over early: the next responder is on call from now to the shift’s scheduled end, and the boundary is recorded now',
  })
  async endShiftNow(
    @Args('input') input: EndShiftNowInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<ShiftBoundaryModel> {
    const handover = await this.commands.execute(new EndShiftNowCommand(input, context));
    return this.handover(handover.boundaryId);
  }
}
