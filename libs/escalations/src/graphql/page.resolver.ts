import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentRequest, PageArgs, type RequestContext } from '@app/core';
import { AnswerPageCommand, type PageAnswer } from '../commands/answer-page.command.js';
import { EscalationQueries } from '../projections/escalation.queries.js';
import { EscalationsMapper } from './escalations.mapper.js';
import { EscalationModel } from './models/escalation.model.js';
import { PageConnection, PageModel } from './models/page.model.js';

@Resolver(() => PageModel)
export class PageResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: EscalationQueries,
    private readonly mapper: EscalationsMapper,
  ) {}

  @Query(() => PageConnection, { description: 'Pages waiting for an acknowledgement, the nearest deadline first' })
  pagesAwaitingAcknowledgement(
    @Args() { first, after }: PageArgs,
    @Args('rotationIds', { type: () => [ID], nullable: true }) rotationIds?: string[],
    @Args('responderId', { type: () => ID, nullable: true }) responderId?: string,
  ): PageConnection {
    const page = this.queries.awaitingAcknowledgement({ rotationIds, responderId }, first, after);
    return { ...page, nodes: page.nodes.map(({ escalation, page }) => this.mapper.page(escalation, page)) };
  }

  @Mutation(() => PageModel, { description: '“I have seen the page and am looking”: the acknowledger becomes DRI' })
  acknowledgePage(@Args('pageId', { type: () => ID }) pageId: string, @CurrentRequest() context: RequestContext) {
    return this.answer('ACKNOWLEDGE', pageId, context);
  }

  @Mutation(() => PageModel, {
    description: '“I have engaged”: resolves the page (acknowledging it if needed); the escalation stays open',
  })
  resolvePage(@Args('pageId', { type: () => ID }) pageId: string, @CurrentRequest() context: RequestContext) {
    return this.answer('RESOLVE', pageId, context);
  }

  @ResolveField(() => EscalationModel)
  escalation(@Parent() page: PageModel): EscalationModel {
    return this.mapper.escalation(this.queries.escalation(page.escalationId));
  }

  private async answer(answer: PageAnswer, pageId: string, context: RequestContext): Promise<PageModel> {
    const escalationId = await this.commands.execute(new AnswerPageCommand(answer, pageId, context));
    const doc = this.queries.escalation(escalationId);
    return this.mapper.page(
      doc,
      doc.pages.find((p) => p.pageId === pageId)!,
    );
  }
}
