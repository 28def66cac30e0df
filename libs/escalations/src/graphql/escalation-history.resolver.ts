import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PageArgs, pageOfList } from '@app/core';
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
  history(@Parent() escalation: EscalationModel, @Args() page: PageArgs): HistoryEntryConnection {
    return historyPage(this.events.forStream(escalationStream(escalation.id)), page);
  }

  @ResolveField(() => EscalationNoteConnection, { description: 'Notes, oldest first' })
  notes(@Parent() escalation: EscalationModel, @Args() page: PageArgs): EscalationNoteConnection {
    return pageOfList(escalation.notes, page, (note) => [note.at.toISOString(), note.id], 2);
  }

  @ResolveField(() => PageConnection, { description: 'Its pages, in the order they were sent' })
  pages(@Parent() escalation: EscalationModel, @Args() page: PageArgs): PageConnection {
    return pageOfList(escalation.pages, page, (one: PageModel) => [one.pagedAt.toISOString(), one.id], 2);
  }

  @ResolveField(() => TimelineEntryConnection, { description: 'What happened, in words, oldest first' })
  timeline(@Parent() escalation: EscalationModel, @Args() page: PageArgs): TimelineEntryConnection {
    // entries have no id of their own: their place in the time-ordered timeline breaks ties
    const entries = escalation.timeline.map((entry, position) => ({ entry, position }));
    const found = pageOfList(entries, page, ({ entry, position }) => [entry.at.toISOString(), position], 2);
    return { ...found, nodes: found.nodes.map(({ entry }): TimelineEntryModel => entry) };
  }
}
