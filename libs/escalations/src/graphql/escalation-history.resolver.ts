import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PageArgs, pageOfList } from '@app/core';
import { EventHistoryQuery, HistoryEntryConnection, historyPage } from '@app/event-store';
import { escalationStream } from '../domain/escalation/escalation.events.js';
import { EscalationModel, EscalationNoteConnection } from './models/escalation.model.js';

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
}
