import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { ActorModel, Connection, enumFromList } from '@app/core';
import { ResponderModel, RotationModel } from '@app/scheduling';
import { FEED_SUBJECT_KINDS, type FeedSubjectKind } from '../domain/calendar-feed.events.js';

export const CALENDAR_FEED_STATES = ['ACTIVE', 'REVOKED'] as const;
export type CalendarFeedState = (typeof CALENDAR_FEED_STATES)[number];

export const CalendarFeedSubjectKindValue = enumFromList(FEED_SUBJECT_KINDS, 'CalendarFeedSubjectKind', {
  description: "RESPONDER: one responder's stretches on call across rotations; ROTATION: everyone's in one rotation",
});

export const CalendarFeedStateValue = enumFromList(CALENDAR_FEED_STATES, 'CalendarFeedState', {
  description: 'REVOKED: its URL answers 404',
});

@InputType()
export class CreateCalendarFeedInput {
  @Field(() => ID, { nullable: true, description: "A responder's shifts: yourself (or anyone, for admins)" })
  @IsOptional()
  @IsUUID()
  responderId?: string;

  @Field(() => ID, { nullable: true, description: "A rotation's shifts: one you take part in (or any, for admins)" })
  @IsOptional()
  @IsUUID()
  rotationId?: string;
}

@ObjectType('CalendarFeed', {
  description: 'A calendar subscription of on-call shifts; its URL (with its token) is shown only when it is created',
})
export class CalendarFeedModel {
  @Field(() => ID)
  id: string;

  @Field(() => CalendarFeedStateValue)
  state: CalendarFeedState;

  @Field(() => CalendarFeedSubjectKindValue)
  subjectKind: FeedSubjectKind;

  @Field(() => ResponderModel, { nullable: true, description: 'Whose shifts, for a RESPONDER feed' })
  responder?: ResponderModel;

  @Field(() => RotationModel, { nullable: true, description: "Which rotation's shifts, for a ROTATION feed" })
  rotation?: RotationModel;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => ActorModel)
  createdBy: ActorModel;

  @Field(() => Date, { nullable: true })
  revokedAt?: Date;

  @Field(() => ActorModel, { nullable: true })
  revokedBy?: ActorModel;
}

@ObjectType('CreatedCalendarFeed')
export class CreatedCalendarFeedModel {
  @Field(() => ID)
  id: string;

  @Field({
    description: 'GET it for the iCalendar feed; shown this once: it holds the token, which is stored only hashed',
  })
  url: string;

  @Field(() => CalendarFeedModel)
  feed: CalendarFeedModel;
}

@ObjectType('CalendarFeedConnection')
export class CalendarFeedConnection extends Connection(CalendarFeedModel) {}
