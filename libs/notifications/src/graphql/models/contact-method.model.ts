import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ResponderModel } from '@app/scheduling';
import { ContactMethodKindValue, MessageKindValue, NotificationStateValue } from '../notifications.enums.js';

@ObjectType('ContactMethod')
export class ContactMethodModel {
  @Field(() => ID)
  id: string;

  @Field(() => ContactMethodKindValue)
  kind: ContactMethodKindValue;

  @Field({ description: 'An e-mail address, a Slack user or channel id, a Teams workflow URL, a webhook URL' })
  address: string;

  @Field()
  verified: boolean;

  @Field({ nullable: true })
  verifiedAt?: Date;
}

@ObjectType('AddedContactMethod')
export class AddedContactMethodModel extends ContactMethodModel {
  @Field(() => String, {
    nullable: true,
    description: 'WEBHOOK only: the Standard Webhooks signing secret (whsec_…), shown this once',
  })
  signingSecret: string | null;
}

@ObjectType('NotificationRule')
export class NotificationRuleModel {
  @Field(() => ContactMethodModel)
  contactMethod: ContactMethodModel;

  @Field(() => Int, { description: 'Minutes after the page, if it is still unacknowledged' })
  delayMinutes: number;
}

@ObjectType('Notification', { description: 'One message to one contact method, and what became of it' })
export class NotificationModel {
  @Field(() => ID)
  id: string;

  @Field(() => MessageKindValue)
  kind: MessageKindValue;

  @Field(() => ResponderModel)
  recipient: ResponderModel;

  @Field(() => ContactMethodKindValue)
  channel: ContactMethodKindValue;

  @Field({ description: 'The address it goes to' })
  destination: string;

  @Field(() => NotificationStateValue)
  state: NotificationStateValue;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field({ description: 'When it is (or was) due' })
  dueAt: Date;

  @Field({ nullable: true })
  sentAt?: Date;
}
