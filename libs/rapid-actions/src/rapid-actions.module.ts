import { Module } from '@nestjs/common';
import { SchedulingModule } from '@app/scheduling';
import { ChangeExitCriterionHandler } from './commands/change-exit-criterion.command.js';
import { ChangeRapidActionDriHandler } from './commands/change-rapid-action-dri.command.js';
import { ChangeRapidActionTeamHandler } from './commands/change-rapid-action-team.command.js';
import { DeclareRapidActionHandler } from './commands/declare-rapid-action.command.js';
import { OverdueUpdatesSource } from './scheduler/overdue-updates.source.js';
import { PostRapidActionUpdateHandler } from './commands/post-rapid-action-update.command.js';
import { RapidActionWriter } from './commands/rapid-action-writer.js';
import { ResolveRapidActionHandler } from './commands/resolve-rapid-action.command.js';
import { ReviseRapidActionHandler } from './commands/revise-rapid-action.command.js';
import { WrapUpRapidActionHandler } from './commands/wrap-up-rapid-action.command.js';
import { RapidActionClosureResolver } from './graphql/rapid-action-closure.resolver.js';
import { RapidActionProgressResolver } from './graphql/rapid-action-progress.resolver.js';
import { RapidActionsMapper } from './graphql/rapid-actions.mapper.js';
import { RapidActionsResolver } from './graphql/rapid-actions.resolver.js';
import { RapidActionStatusProjection } from './projections/rapid-action-status.projection.js';
import { RapidActionStatusQueries } from './projections/rapid-action-status.queries.js';
import { RapidActionAccessPolicy } from './rapid-action-access.policy.js';
import { RapidActionAuditSource } from './rapid-actions.audit.js';
import { RapidActionChangesResolver } from './graphql/rapid-action-changes.resolver.js';

/** Rapid actions: declared for severe, broad problems, driven by a DRI with daily status updates until resolved. */
@Module({
  imports: [SchedulingModule],
  providers: [
    RapidActionAccessPolicy,
    RapidActionStatusProjection,
    RapidActionStatusQueries,
    RapidActionsMapper,
    RapidActionWriter,
    DeclareRapidActionHandler,
    ReviseRapidActionHandler,
    ChangeRapidActionDriHandler,
    ChangeRapidActionTeamHandler,
    ChangeExitCriterionHandler,
    PostRapidActionUpdateHandler,
    ResolveRapidActionHandler,
    WrapUpRapidActionHandler,
    OverdueUpdatesSource,
    RapidActionsResolver,
    RapidActionChangesResolver,
    RapidActionProgressResolver,
    RapidActionClosureResolver,
    RapidActionAuditSource,
  ],
  exports: [RapidActionStatusQueries, RapidActionAccessPolicy],
})
export class RapidActionsModule {}
