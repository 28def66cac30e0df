import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import {
  BadUserInputError,
  CurrentRequest,
  NotFoundError,
  type RequestContext,
  type Role,
  actorOf,
  PageArgs,
  pageOfList,
} from '@app/core';
import { IssueApiTokenCommand } from '../commands/issue-api-token.command.js';
import { RevokeApiTokenCommand } from '../commands/revoke-api-token.command.js';
import { IdentityPolicy } from '../identity.policy.js';
import { ApiTokensProjection } from '../projections/api-tokens.projection.js';
import { RoleValue } from './identity.enums.js';
import { toApiTokenModel } from './identity.mapper.js';
import { IssueApiTokenInput } from './inputs/issue-api-token.input.js';
import { ApiTokenConnection, ApiTokenModel, IdentityModel, IssuedApiTokenModel } from './models/api-token.model.js';

@Resolver()
export class IdentityResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly tokens: ApiTokensProjection,
    private readonly policy: IdentityPolicy,
  ) {}

  @Query(() => IdentityModel, { description: 'Who this request is authenticated as' })
  me(@CurrentRequest() context: RequestContext): IdentityModel {
    return { actor: actorOf(context.actor), role: context.role as RoleValue, tokenId: context.tokenId };
  }

  @Query(() => ApiTokenConnection, { description: 'Every token issued, revoked ones included, oldest first (admins)' })
  apiTokens(@Args() page: PageArgs, @CurrentRequest() context: RequestContext): ApiTokenConnection {
    this.policy.assertCanList(context);
    const found = pageOfList(this.tokens.all(), page, (token) => [token.issuedAt, token.tokenId], 2);
    return { ...found, nodes: found.nodes.map(toApiTokenModel) };
  }

  @Mutation(() => IssuedApiTokenModel, {
    description: 'Issues a token for a responder, an integration or a display (admins)',
  })
  async issueApiToken(
    @Args('input') input: IssueApiTokenInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<IssuedApiTokenModel> {
    const issued = await this.commands.execute(
      new IssueApiTokenCommand({ ...input, role: input.role as Role }, context),
    );
    return { token: issued.token, apiToken: this.token(issued.tokenId) };
  }

  @Mutation(() => ApiTokenModel, { description: 'Revokes a token at once (admins)' })
  async revokeApiToken(
    @Args('tokenId', { type: () => ID }) tokenId: string,
    @Args('reason') reason: string,
    @CurrentRequest() context: RequestContext,
  ): Promise<ApiTokenModel> {
    if (reason.length > 2000) throw new BadUserInputError('reason', 'reason must be at most 2000 characters');
    await this.commands.execute(new RevokeApiTokenCommand(tokenId, reason, context));
    return this.token(tokenId);
  }

  private token(tokenId: string): ApiTokenModel {
    const token = this.tokens.find(tokenId);
    if (!token) throw new NotFoundError('API token', tokenId);
    return toApiTokenModel(token);
  }
}
