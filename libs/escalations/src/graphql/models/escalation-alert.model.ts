import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AlertLabel', { description: 'A label or annotation of the alert' })
export class AlertLabelModel {
  @Field()
  name: string;

  @Field()
  value: string;
}

@ObjectType('AlertLink')
export class AlertLinkModel {
  @Field()
  href: string;

  @Field({ nullable: true })
  text?: string;
}

@ObjectType('EscalationAlert', {
  description: 'The monitoring alert an integration raised the escalation from, and how often it fired since',
})
export class EscalationAlertModel {
  @Field(() => ID)
  integrationKeyId: string;

  @Field({ description: 'The Events v2 dedup_key, or the Alertmanager/Grafana alert fingerprint' })
  dedupKey: string;

  @Field(() => Int, { description: 'Triggers recorded while it was open, the first included' })
  occurrences: number;

  @Field()
  firstOccurredAt: Date;

  @Field()
  lastOccurredAt: Date;

  @Field({ description: 'The latest summary' })
  summary: string;

  @Field(() => [AlertLabelModel])
  labels: AlertLabelModel[];

  @Field(() => [AlertLabelModel])
  annotations: AlertLabelModel[];

  @Field(() => [AlertLinkModel])
  links: AlertLinkModel[];

  @Field({ description: 'The rest of the latest payload, as JSON text' })
  details: string;

  @Field({ nullable: true, description: 'Alertmanager’s groupKey' })
  groupKey?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The maintenance window it was raised in (recorded, nobody paged)',
  })
  maintenanceWindowId?: string;

  @Field({ nullable: true, description: 'When the integration acknowledged it' })
  acknowledgedAt?: Date;
}
