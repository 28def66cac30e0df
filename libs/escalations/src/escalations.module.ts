import { EscalationHistoryResolver } from './graphql/escalation-history.resolver.js';
import { Module } from '@nestjs/common';
import { SchedulingModule } from '@app/scheduling';
import { AddEscalationNoteHandler } from './commands/add-escalation-note.command.js';
import { AlertEscalationHandler } from './commands/alert-escalation.command.js';
import { AnswerPageHandler } from './commands/answer-page.command.js';
import { ChangeEscalationHandler } from './commands/change-escalation.command.js';
import { HandOverEscalationHandler } from './commands/hand-over-escalation.command.js';
import { PageBackupPoolHandler } from './commands/page-backup-pool.command.js';
import { RaiseEscalationHandler } from './commands/raise-escalation.command.js';
import { SaveServiceHandler } from './commands/register-service.command.js';
import { RerouteEscalationHandler } from './commands/reroute-escalation.command.js';
import { SetEscalationPolicyHandler } from './commands/set-escalation-policy.command.js';
import { SetPresenceHandler } from './commands/set-presence.command.js';
import { TagEscalationHandler } from './commands/tag-escalation.command.js';
import { EscalationAccessPolicy } from './escalations.policy.js';
import { EscalationChangesResolver } from './graphql/escalation-changes.resolver.js';
import { EscalationResolver } from './graphql/escalation.resolver.js';
import { EscalationSettingsResolver } from './graphql/escalation-settings.resolver.js';
import { EscalationsMapper } from './graphql/escalations.mapper.js';
import { PageResolver } from './graphql/page.resolver.js';
import { Pager } from './paging/pager.js';
import { EscalationDirectoryProjection } from './projections/escalation-directory.projection.js';
import { EscalationQueries } from './projections/escalation.queries.js';
import { EscalationsProjection } from './projections/escalations.projection.js';
import { EscalationTimersSource } from './scheduler/escalation-timers.source.js';
import { EscalationAuditSource } from './escalations.audit.js';
import { EscalationTimelineContributions } from './graphql/timeline-contributions.js';

/** Escalations: raising, paging through a rotation's policy, acknowledgement, timers, qualification. */
@Module({
  imports: [SchedulingModule],
  providers: [
    EscalationAuditSource,
    EscalationTimelineContributions,
    EscalationsProjection,
    EscalationDirectoryProjection,
    EscalationQueries,
    EscalationAccessPolicy,
    Pager,
    EscalationsMapper,
    EscalationTimersSource,
    RaiseEscalationHandler,
    AlertEscalationHandler,
    AnswerPageHandler,
    AddEscalationNoteHandler,
    ChangeEscalationHandler,
    PageBackupPoolHandler,
    TagEscalationHandler,
    RerouteEscalationHandler,
    HandOverEscalationHandler,
    SetPresenceHandler,
    SetEscalationPolicyHandler,
    SaveServiceHandler,
    EscalationResolver,
    EscalationChangesResolver,
    EscalationHistoryResolver,
    PageResolver,
    EscalationSettingsResolver,
  ],
  exports: [EscalationQueries, EscalationsMapper, EscalationAccessPolicy, EscalationTimelineContributions],
})
export class EscalationsModule {}
