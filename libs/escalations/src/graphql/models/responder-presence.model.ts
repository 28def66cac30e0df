import { Field, ObjectType } from '@nestjs/graphql';
import { ResponderModel } from '@app/scheduling';
import { PresenceStatusValue } from '../escalations.enums.js';

@ObjectType('ResponderPresence')
export class ResponderPresenceModel {
  @Field(() => ResponderModel)
  responder: ResponderModel;

  @Field(() => PresenceStatusValue, { description: 'AWAY until reported otherwise' })
  status: PresenceStatusValue;

  @Field({ nullable: true })
  since?: Date;

  @Field({ nullable: true, description: 'When they were last paged' })
  lastEscalatedAt?: Date;
}
