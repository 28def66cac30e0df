import { Field, ObjectType } from '@nestjs/graphql';
import { ResponderModel } from '@app/scheduling';
import { PresenceStateValue } from '../escalations.enums.js';

@ObjectType('ResponderPresence')
export class ResponderPresenceModel {
  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field(() => PresenceStateValue, { description: 'AWAY until reported otherwise' })
  state: PresenceStateValue;

  @Field({ nullable: true })
  since?: Date;

  @Field({ nullable: true, description: 'When they were last paged' })
  lastEscalatedAt?: Date;
}
