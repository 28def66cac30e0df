import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ActorModel, Connection } from '@app/core';
import { SeverityValue, ServiceModel } from '@app/escalations';
import { ResponderModel, RotationModel } from '@app/scheduling';
import { IntegrationKindValue } from '../integrations.enums.js';

@ObjectType('IntegrationKey', {
  description: 'A key monitoring tools send alerts with; the secret itself is never stored',
})
export class IntegrationKeyModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => IntegrationKindValue)
  kind: IntegrationKindValue;

  @Field(() => ServiceModel, { nullable: true, description: 'Alerts go to its owning team’s second-tier rotation' })
  service?: ServiceModel;

  @Field(() => RotationModel, { nullable: true, description: 'Alerts page this rotation' })
  rotation?: RotationModel;

  @Field(() => SeverityValue, { description: 'For alerts that carry no severity' })
  defaultSeverity: SeverityValue;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => ActorModel)
  createdBy: ActorModel;

  @Field(() => Date, { nullable: true })
  revokedAt?: Date;

  @Field(() => ActorModel, { nullable: true })
  revokedBy?: ActorModel;
}

@ObjectType('IntegrationKeyConnection')
export class IntegrationKeyConnection extends Connection(IntegrationKeyModel) {}

@ObjectType('CreatedIntegrationKey')
export class CreatedIntegrationKeyModel {
  @Field({ description: 'The secret (32 characters). It is shown this once: keep it safe.' })
  key: string;

  @Field(() => IntegrationKeyModel)
  integrationKey: IntegrationKeyModel;
}

@ObjectType('MaintenanceWindow', { description: 'Alerts for its service or rotation are recorded and page nobody' })
export class MaintenanceWindowModel {
  @Field(() => ID)
  id: string;

  @Field(() => ServiceModel, { nullable: true })
  service?: ServiceModel;

  @Field(() => RotationModel, { nullable: true })
  rotation?: RotationModel;

  @Field(() => Date)
  start: Date;

  @Field(() => Date)
  end: Date;

  @Field()
  reason: string;

  @Field(() => Date)
  scheduledAt: Date;

  @Field(() => ActorModel)
  scheduledBy: ActorModel;

  @Field(() => Date, { nullable: true, description: 'Ended early' })
  endedAt?: Date;

  @Field(() => ActorModel, { nullable: true })
  endedBy?: ActorModel;
}

@ObjectType('MaintenanceWindowConnection')
export class MaintenanceWindowConnection extends Connection(MaintenanceWindowModel) {}
