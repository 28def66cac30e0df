import { ActorModel, Connection } from '@app/core';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { RoleValue, SubjectKindValue } from '../identity.enums.js';

@ObjectType('ApiToken', { description: 'An issued API token; the token itself is never stored' })
export class ApiTokenModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'A responder id, an integration’s name, or an operator’s name' })
  subject: string;

  @Field(() => SubjectKindValue)
  subjectKind: SubjectKindValue;

  @Field(() => RoleValue)
  role: RoleValue;

  @Field()
  label: string;

  @Field()
  issuedAt: Date;

  @Field()
  expiresAt: Date;

  @Field({ nullable: true })
  revokedAt?: Date;

  @Field({ nullable: true })
  revokeReason?: string;
}

@ObjectType('IssuedApiToken')
export class IssuedApiTokenModel {
  @Field({ description: 'The bearer token. It is shown this once: keep it safe.' })
  token: string;

  @Field(() => ApiTokenModel)
  apiToken: ApiTokenModel;
}

@ObjectType('Identity', { description: 'Who the current request is authenticated as' })
export class IdentityModel {
  @Field(() => ActorModel)
  actor: ActorModel;

  @Field(() => RoleValue)
  role: RoleValue;

  @Field(() => ID, { nullable: true })
  tokenId?: string;
}

@ObjectType('ApiTokenConnection')
export class ApiTokenConnection extends Connection(ApiTokenModel) {}
