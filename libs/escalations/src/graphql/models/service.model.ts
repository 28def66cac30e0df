import { Connection } from '@app/core';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { RotationModel } from '@app/scheduling';

@ObjectType('Service')
export class ServiceModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ nullable: true, description: 'Absent when nobody in particular owns it' })
  owningTeam?: string;

  @Field(() => RotationModel, { nullable: true, description: 'Where escalations about the service can be routed' })
  secondTierRotation?: RotationModel;
}

@ObjectType('ServiceConnection')
export class ServiceConnection extends Connection(ServiceModel) {}
