import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsNotEmpty, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { SeverityValue } from '@app/escalations';
import { IntegrationKindValue } from '../integrations.enums.js';

@InputType()
export class CreateIntegrationKeyInput {
  @Field()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @Field(() => IntegrationKindValue)
  @IsEnum(IntegrationKindValue)
  kind: IntegrationKindValue;

  @Field(() => ID, { nullable: true, description: 'Alerts go to the service’s owning team’s second tier…' })
  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @Field(() => ID, { nullable: true, description: '…or page this rotation' })
  @IsOptional()
  @IsUUID()
  rotationId?: string;

  @Field(() => SeverityValue, { defaultValue: SeverityValue.S2 })
  @IsEnum(SeverityValue)
  defaultSeverity: SeverityValue;
}

@InputType()
export class ScheduleMaintenanceWindowInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  rotationId?: string;

  @Field(() => Date)
  @IsDate()
  start: Date;

  @Field(() => Date, { description: 'At most 24 hours after start' })
  @IsDate()
  end: Date;

  @Field()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
