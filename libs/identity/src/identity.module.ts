import { Module, type DynamicModule } from '@nestjs/common';
import { SchedulingModule } from '@app/scheduling';
import { Authenticator } from './authentication/authenticator.js';
import { IssueApiTokenHandler } from './commands/issue-api-token.command.js';
import { RevokeApiTokenHandler } from './commands/revoke-api-token.command.js';
import { FirstAdmin } from './first-admin.js';
import { IdentityResolver } from './graphql/identity.resolver.js';
import { TokenSubjectActorSource } from './graphql/token-subject-actor.source.js';
import { ApiTokenAuditSource } from './identity.audit.js';
import { IdentityPolicy } from './identity.policy.js';
import { IDENTITY_OPTIONS, type IdentityOptions } from './identity.options.js';
import { ApiTokensProjection } from './projections/api-tokens.projection.js';
import { TokenSigner } from './tokens/token-signer.js';
import { EndSessionHandler } from './commands/end-session.command.js';
import { StartSessionHandler } from './commands/start-session.command.js';
import { AuthController } from './http/auth.controller.js';
import { OidcSignIn } from './oidc/oidc-sign-in.js';
import { ResponderMatch } from './oidc/responder-match.js';
import { SessionsProjection } from './projections/sessions.projection.js';
import { SignInEmailsProjection } from './projections/sign-in-emails.projection.js';
import { SessionAuthenticator } from './sessions/session-authenticator.js';
import { SignIn } from './sessions/sign-in.service.js';

interface AsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: Array<string | symbol | Function>;
  useFactory: (...args: any[]) => IdentityOptions | Promise<IdentityOptions>;
}

/**
 * API tokens (JWT) for people and integrations, their revocation, browser sessions (single sign-on
 * or an API token, in a cookie), and authentication of requests.
 */
@Module({})
export class IdentityModule {
  static forRootAsync(options: AsyncOptions): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      imports: [...(options.imports ?? []), SchedulingModule],
      controllers: [AuthController],
      providers: [
        { provide: IDENTITY_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        { provide: TokenSigner, inject: [IDENTITY_OPTIONS], useFactory: (o: IdentityOptions) => TokenSigner.create(o) },
        ApiTokensProjection,
        Authenticator,
        IdentityPolicy,
        IssueApiTokenHandler,
        RevokeApiTokenHandler,
        FirstAdmin,
        IdentityResolver,
        ApiTokenAuditSource,
        TokenSubjectActorSource,
        SessionsProjection,
        SignInEmailsProjection,
        StartSessionHandler,
        EndSessionHandler,
        SessionAuthenticator,
        ResponderMatch,
        OidcSignIn,
        SignIn,
      ],
      exports: [Authenticator, SessionAuthenticator, FirstAdmin, TokenSigner],
    };
  }
}
