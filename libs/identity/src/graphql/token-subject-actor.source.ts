import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ActorDirectory, type ActorSource, type ResolvedActor } from '@app/core';
import { ApiTokensProjection } from '../projections/api-tokens.projection.js';

/**
 * Names the actors that are subjects of integration tokens (an integration calling the API with
 * its own token). Responder subjects are named by scheduling, operators by their `operator:` form.
 */
@Injectable()
export class TokenSubjectActorSource implements ActorSource, OnModuleInit {
  constructor(
    private readonly directory: ActorDirectory,
    private readonly tokens: ApiTokensProjection,
  ) {}

  onModuleInit(): void {
    this.directory.register(this);
  }

  resolve(actors: readonly string[]): Map<string, ResolvedActor> {
    const asked = new Set(actors);
    const found = new Map<string, ResolvedActor>();
    for (const token of this.tokens.all()) {
      if (token.subjectKind === 'integration' && asked.has(token.subject)) {
        found.set(token.subject, { kind: 'INTEGRATION', integration: { id: token.subject, name: token.subject } });
      }
    }
    return found;
  }
}
