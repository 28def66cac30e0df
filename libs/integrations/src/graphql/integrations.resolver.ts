import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import {
  CLOCK,
  CurrentRequest,
  decodeCursor,
  NotFoundError,
  PageArgs,
  toPage,
  type Clock,
  type RequestContext,
  pageOfList,
} from '@app/core';
import { EscalationAlertModel } from '@app/escalations';
import { CreateIntegrationKeyCommand } from '../commands/create-integration-key.command.js';
import {
  EndMaintenanceWindowCommand,
  ScheduleMaintenanceWindowCommand,
} from '../commands/maintenance-window.commands.js';
import { RevokeIntegrationKeyCommand } from '../commands/revoke-integration-key.command.js';
import { IntegrationsPolicy } from '../integrations.policy.js';
import { IntegrationKeysProjection } from '../projections/integration-keys.projection.js';
import { MaintenanceWindowsProjection } from '../projections/maintenance-windows.projection.js';
import { CreateIntegrationKeyInput, ScheduleMaintenanceWindowInput } from './inputs/integration.inputs.js';
import { IntegrationsMapper } from './integrations.mapper.js';
import {
  CreatedIntegrationKeyModel,
  IntegrationKeyConnection,
  IntegrationKeyModel,
  MaintenanceWindowConnection,
  MaintenanceWindowModel,
} from './models/integration-key.model.js';

@Resolver()
export class IntegrationsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly keys: IntegrationKeysProjection,
    private readonly windows: MaintenanceWindowsProjection,
    private readonly mapper: IntegrationsMapper,
    private readonly policy: IntegrationsPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => IntegrationKeyConnection, { description: 'Integration keys, revoked ones included (admins)' })
  integrationKeys(
    @Args() { first, after }: PageArgs,
    @CurrentRequest() context: RequestContext,
  ): IntegrationKeyConnection {
    this.policy.assertCanManageKeys(context, 'list integration keys');
    const all = this.keys.all();
    const [afterAt, afterId] = after ? (decodeCursor(after, 2) as [string, string]) : [];
    const rest = after
      ? all.filter((k) => k.createdAt > afterAt! || (k.createdAt === afterAt && k.integrationKeyId > afterId!))
      : all;
    const page = toPage(
      rest.slice(0, first + 1),
      first,
      all.length,
      (k) => [k.createdAt, k.integrationKeyId],
      (k) => this.mapper.key(k),
    );
    return page;
  }

  @Mutation(() => CreatedIntegrationKeyModel, { description: 'Creates a key for a service or a rotation (admins)' })
  async createIntegrationKey(
    @Args('input') input: CreateIntegrationKeyInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<CreatedIntegrationKeyModel> {
    const created = await this.commands.execute(new CreateIntegrationKeyCommand(input, context));
    return { key: created.key, integrationKey: this.key(created.integrationKeyId) };
  }

  @Mutation(() => IntegrationKeyModel, { description: 'Revokes a key at once: its alerts are refused (admins)' })
  async revokeIntegrationKey(
    @Args('id', { type: () => ID }) id: string,
    @CurrentRequest() context: RequestContext,
  ): Promise<IntegrationKeyModel> {
    await this.commands.execute(new RevokeIntegrationKeyCommand(id, context));
    return this.key(id);
  }

  @Query(() => MaintenanceWindowConnection, {
    description: 'Maintenance windows active at an instant (default now), earliest start first',
  })
  maintenanceWindows(
    @Args() page: PageArgs,
    @Args('activeAt', { type: () => Date, nullable: true }) activeAt?: Date,
  ): MaintenanceWindowConnection {
    const active = this.windows.activeAt(activeAt ?? this.clock.now());
    const found = pageOfList(active, page, (w) => [w.startsAt, w.windowId], 2);
    return { ...found, nodes: found.nodes.map((w) => this.mapper.window(w)) };
  }

  @Mutation(() => MaintenanceWindowModel, {
    description: 'Alerts for a service or rotation during the window page nobody (admins, managers)',
  })
  async scheduleMaintenanceWindow(
    @Args('input') input: ScheduleMaintenanceWindowInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<MaintenanceWindowModel> {
    const windowId = await this.commands.execute(new ScheduleMaintenanceWindowCommand(input, context));
    return this.window(windowId);
  }

  @Mutation(() => MaintenanceWindowModel, { description: 'Ends a maintenance window now (admins, managers)' })
  async endMaintenanceWindow(
    @Args('id', { type: () => ID }) id: string,
    @CurrentRequest() context: RequestContext,
  ): Promise<MaintenanceWindowModel> {
    await this.commands.execute(new EndMaintenanceWindowCommand(id, context));
    return this.window(id);
  }

  private key(id: string): IntegrationKeyModel {
    const key = this.keys.find(id);
    if (!key) throw new NotFoundError('Integration key', id);
    return this.mapper.key(key);
  }

  private window(id: string): MaintenanceWindowModel {
    const window = this.windows.find(id);
    if (!window) throw new NotFoundError('Maintenance window', id);
    return this.mapper.window(window);
  }
}

/** The key an escalation's alert came in with (admins see its details in integrationKeys). */
@Resolver(() => EscalationAlertModel)
export class EscalationAlertResolver {
  constructor(
    private readonly keys: IntegrationKeysProjection,
    private readonly mapper: IntegrationsMapper,
  ) {}

  @ResolveField(() => IntegrationKeyModel, { nullable: true })
  integrationKey(@Parent() alert: EscalationAlertModel): IntegrationKeyModel | undefined {
    const key = this.keys.find(alert.integrationKeyId);
    return key ? this.mapper.key(key) : undefined;
  }
}
