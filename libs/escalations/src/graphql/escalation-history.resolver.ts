import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Page, PageArgs, pageOfList } from '@app/core';
import { EventHistoryQuery, HistoryEntryConnection, historyPage } from '@app/event-store';
import { escalationStream } from '../domain/escalation/escalation.events.js';
import {
  EscalationModel,
  EscalationNoteConnection,
  TimelineEntryConnection,
  type TimelineEntryModel,
} from './models/escalation.model.js';
import { PageConnection, type PageModel } from './models/page.model.js';

@Resolver(() => EscalationModel)
export class EscalationHistoryResolver {
  constructor(private readonly events: EventHistoryQuery) {}

  @ResolveField(() => HistoryEntryConnection, { description: 'The stored events, with their actors, oldest first' })
  async history(@Parent() escalation: EscalationModel, @Args() page: PageArgs): Promise<HistoryEntryConnection> {
    return historyPage(await this.events.page(escalationStream(escalation.id), page));
  }

  @ResolveField(() => EscalationNoteConnection, { description: 'Notes, oldest first' })
  notes(@Parent() escalation: EscalationModel, @Args() page: PageArgs): EscalationNoteConnection {
    return pageOfList(escalation.notes, page, (note) => [note.at.toISOString(), note.id], 2);
  }

  @ResolveField(() => PageConnection, { description: 'Its pages, in the order they were sent' })
  pages(@Parent() escalation: EscalationModel, @Args() page: PageArgs): PageConnection {
    // pages sent at the same instant keep the order they were sent in (the list only grows)
    return inOrder(escalation.pages, page, (one: PageModel) => one.pagedAt);
  }

  @ResolveField(() => TimelineEntryConnection, { description: 'What happened, in words, oldest first' })
  async timeline(@Parent() escalation: EscalationModel, @Args() page: PageArgs): Promise<TimelineEntryConnection> {
    return inOrder(await escalation.timeline, page, (entry: TimelineEntryModel) => entry.at);
  }
}

/** A page of a time-ordered list whose items have no id of their own: their place breaks ties. */
function inOrder<T>(items: readonly T[], page: PageArgs, atOf: (item: T) => Date): Page<T> {
  const placed = items.map((item, position) => ({ item, position }));
  const found = pageOfList(placed, page, ({ item, position }) => [atOf(item).toISOString(), position], 2);
  return { ...found, nodes: found.nodes.map(({ item }) => item) };
}
