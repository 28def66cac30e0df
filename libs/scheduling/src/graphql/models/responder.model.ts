import { Connection } from '@app/core';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ResponderLifecycle, ResponderRoleValue } from '../scheduling.enums.js';
import { ClockWindowModel } from './clock-window.model.js';

@ObjectType('Responder')
export class ResponderModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  handle: string;

  @Field({ description: 'IANA time zone' })
  timeZone: string;

  @Field()
  team: string;

  @Field(() => ResponderRoleValue)
  role: ResponderRoleValue;

  @Field(() => [ClockWindowModel])
  workingHours: ClockWindowModel[];

  @Field({ description: 'A local-law restriction keeps them off on-call while true.' })
  onCallRestricted: boolean;

  /** Resolved as the `unavailability` connection. */
  unavailability: UnavailableSpanModel[];

  @Field(() => ResponderLifecycle, { description: 'DEACTIVATED from the start of their deactivation date on' })
  state: ResponderLifecycle;

  @Field({ nullable: true, description: 'YYYY-MM-DD (their zone): deactivated from that day on' })
  deactivatedFrom?: string;
}

@ObjectType('UnavailableSpan')
export class UnavailableSpanModel {
  @Field(() => ID)
  spanId: string;

  @Field()
  start: Date;

  @Field()
  end: Date;

  @Field()
  reason: string;

  @Field(() => ResponderModel, { description: 'Whose span it is' })
  responder: ResponderModel;
}

@ObjectType('UnavailableSpanConnection')
export class UnavailableSpanConnection extends Connection(UnavailableSpanModel) {}

@ObjectType('ResponderConnection')
export class ResponderConnection extends Connection(ResponderModel) {}
