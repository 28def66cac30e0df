import { ActorModel, actorOf, Connection, type Page } from '@app/core';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('HistoryEntry', { description: 'One stored event of an aggregate: what happened, when, by whom.' })
export class HistoryEntryModel {
  @Field(() => Int)
  revision: number;

  @Field()
  type: string;

  @Field()
  occurredAt: Date;

  @Field(() => ActorModel)
  actor: ActorModel;

  @Field()
  correlationId: string;

  @Field({ description: 'The event data, as JSON' })
  data: string;
}

export function toHistoryEntryModel(entry: {
  revision: number;
  type: string;
  occurredAt: string;
  actor: string;
  correlationId: string;
  data: Record<string, unknown>;
}): HistoryEntryModel {
  return {
    revision: entry.revision,
    type: entry.type,
    occurredAt: new Date(entry.occurredAt),
    actor: actorOf(entry.actor),
    correlationId: entry.correlationId,
    data: JSON.stringify(entry.data),
  };
}

@ObjectType('HistoryEntryConnection')
export class HistoryEntryConnection extends Connection(HistoryEntryModel) {}

/** One page of a stream's history (EventHistoryQuery.page) as the connection answers it. */
export function historyPage(found: Page<Parameters<typeof toHistoryEntryModel>[0]>): HistoryEntryConnection {
  return { ...found, nodes: found.nodes.map(toHistoryEntryModel) };
}
