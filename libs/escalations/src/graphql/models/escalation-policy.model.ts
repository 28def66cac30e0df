import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ResponderModel, RotationModel } from '@app/scheduling';
import { EscalationLayerValue, PagingModeValue } from '../escalations.enums.js';

@ObjectType('EscalationPolicyStep')
export class EscalationPolicyStepModel {
  @Field(() => EscalationLayerValue)
  layer: EscalationLayerValue;

  @Field(() => RotationModel, { nullable: true, description: 'Whose on-call responder is paged' })
  rotation?: RotationModel;

  @Field(() => [ResponderModel], { description: 'Listed responders paged together (directors)' })
  responders: ResponderModel[];

  @Field(() => Int)
  ackTimeoutMinutes: number;
}

@ObjectType('EscalationPolicy', {
  description: 'How a rotation is paged: steps climbed when a page is not acknowledged in time, and a backup pool.',
})
export class EscalationPolicyModel {
  @Field(() => RotationModel)
  rotation: RotationModel;

  @Field(() => PagingModeValue)
  pagingMode: PagingModeValue;

  @Field(() => Int, { description: 'The acknowledgement SLO every page is measured against' })
  ackSloMinutes: number;

  @Field(() => [EscalationPolicyStepModel])
  steps: EscalationPolicyStepModel[];

  @Field(() => [ResponderModel], { description: 'Volunteers a manager can page for concurrent emergencies' })
  backupPool: ResponderModel[];

  @Field({ description: 'True when the rotation has no policy of its own and the default applies' })
  isDefault: boolean;
}
