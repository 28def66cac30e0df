import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DiscoveryService } from '@nestjs/core';
import { BadUserInputError, CurrentRequest, PageArgs, type RequestContext } from '@app/core';
import { AuditSourceProvider, type AuditSource } from '../audit/audit-source.js';
import { EventHistoryQuery } from '../audit/event-history.query.js';
import { HistoryEntryConnection, historyPage } from './history-entry.model.js';

@Resolver()
export class AuditResolver {
  private sources?: Map<string, AuditSource>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly history: EventHistoryQuery,
  ) {}

  @Query(() => HistoryEntryConnection, {
    description:
      'Who did what to one aggregate, read from its stream in the store, oldest first: kind is rotation, responder, escalation, rapid-action, …',
  })
  async auditTrail(
    @Args('kind') kind: string,
    @Args('id', { type: () => ID }) id: string,
    @Args() page: PageArgs,
    @CurrentRequest() context: RequestContext,
  ): Promise<HistoryEntryConnection> {
    const source = this.sourceFor(kind);
    source.assertCanAudit(context, id);
    return historyPage(await this.history.page(source.streamFor(id), page));
  }

  private sourceFor(kind: string): AuditSource {
    this.sources ??= new Map(
      this.discovery
        .getProviders({ metadataKey: AuditSourceProvider.KEY })
        .map((wrapper) => wrapper.instance as AuditSource)
        .map((source) => [source.kind, source]),
    );
    const source = this.sources.get(kind);
    if (!source)
      throw new BadUserInputError('kind', `kind must be one of: ${[...this.sources.keys()].sort().join(', ')}`);
    return source;
  }
}
