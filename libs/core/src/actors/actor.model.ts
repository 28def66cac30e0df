import { Context, Field, ID, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { enumFromList } from '../graphql/enum-from-list.js';
import { ACTOR_KINDS, type ActorKind, type ResolvedActor } from './actor.js';
import { ActorDirectory } from './actor-directory.js';

export const ActorKindValue = enumFromList(ACTOR_KINDS, 'ActorKind', {
  description:
    'Who did something: a responder, an integration (a key or an integration token), an operator, a wall display, or the system',
});

@ObjectType('ActorResponder')
export class ActorResponderModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  handle: string;
}

@ObjectType('ActorIntegration')
export class ActorIntegrationModel {
  @Field({ description: 'The integration key id, or the subject of the integration token' })
  id: string;

  @Field()
  name: string;
}

@ObjectType('ActorDisplay', { description: 'A wall display reading with its own viewer token' })
export class ActorDisplayModel {
  @Field()
  name: string;
}

@ObjectType('ActorOperator')
export class ActorOperatorModel {
  @Field()
  name: string;
}

/**
 * Who did something, wherever an answer shows it (timelines, histories, audit trails, `createdBy`
 * and the like). A mapper answers `actorOf(actorString)`; the rest is resolved per request.
 */
@ObjectType('Actor', {
  description:
    'Who did something: exactly one of responder, integration, operator, display is set, unless kind is SYSTEM',
})
export class ActorModel {
  @Field({
    description: 'The actor as the events record it (a responder id, operator:<name>, integration-key:<id>, system)',
  })
  id: string;

  @Field(() => ActorKindValue)
  kind?: ActorKind;

  @Field(() => ActorResponderModel, { nullable: true })
  responder?: ActorResponderModel;

  @Field(() => ActorIntegrationModel, { nullable: true })
  integration?: ActorIntegrationModel;

  @Field(() => ActorOperatorModel, { nullable: true })
  operator?: ActorOperatorModel;

  @Field(() => ActorDisplayModel, { nullable: true })
  display?: ActorDisplayModel;
}

/** The GraphQL value of an actor string. */
export function actorOf(actor: string): ActorModel {
  return { id: actor };
}

/** Optional actors (`endedBy`, `revokedBy`): undefined stays undefined. */
export function actorOrNone(actor: string | null | undefined): ActorModel | undefined {
  return actor ? actorOf(actor) : undefined;
}

@Resolver(() => ActorModel)
export class ActorResolver {
  constructor(private readonly directory: ActorDirectory) {}

  private resolve(actor: ActorModel, context: object): Promise<ResolvedActor> {
    return this.directory.loaderFor(context).load(actor.id);
  }

  @ResolveField('kind', () => ActorKindValue)
  async kind(@Parent() actor: ActorModel, @Context() context: object): Promise<ActorKind> {
    return (await this.resolve(actor, context)).kind;
  }

  @ResolveField('responder', () => ActorResponderModel, { nullable: true })
  async responder(@Parent() actor: ActorModel, @Context() context: object): Promise<ActorResponderModel | null> {
    const resolved = await this.resolve(actor, context);
    return resolved.kind === 'RESPONDER' ? resolved.responder : null;
  }

  @ResolveField('integration', () => ActorIntegrationModel, { nullable: true })
  async integration(@Parent() actor: ActorModel, @Context() context: object): Promise<ActorIntegrationModel | null> {
    const resolved = await this.resolve(actor, context);
    return resolved.kind === 'INTEGRATION' ? resolved.integration : null;
  }

  @ResolveField('operator', () => ActorOperatorModel, { nullable: true })
  async operator(@Parent() actor: ActorModel, @Context() context: object): Promise<ActorOperatorModel | null> {
    const resolved = await this.resolve(actor, context);
    return resolved.kind === 'OPERATOR' ? resolved.operator : null;
  }

  @ResolveField('display', () => ActorDisplayModel, { nullable: true })
  async display(@Parent() actor: ActorModel, @Context() context: object): Promise<ActorDisplayModel | null> {
    const resolved = await this.resolve(actor, context);
    return resolved.kind === 'DISPLAY' ? resolved.display : null;
  }
}
