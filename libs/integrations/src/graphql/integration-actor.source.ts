import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ActorDirectory, type ActorSource, type ResolvedActor } from '@app/core';
import { IntegrationKeysProjection } from '../projections/integration-keys.projection.js';

const KEY_PREFIX = 'integration-key:';

/** Names the actors that are integration keys (`integration-key:<id>`, as alert intake records them). */
@Injectable()
export class IntegrationActorSource implements ActorSource, OnModuleInit {
  constructor(
    private readonly directory: ActorDirectory,
    private readonly keys: IntegrationKeysProjection,
  ) {}

  onModuleInit(): void {
    this.directory.register(this);
  }

  resolve(actors: readonly string[]): Map<string, ResolvedActor> {
    const found = new Map<string, ResolvedActor>();
    for (const actor of actors) {
      if (!actor.startsWith(KEY_PREFIX)) continue;
      const id = actor.slice(KEY_PREFIX.length);
      const key = this.keys.find(id);
      found.set(actor, { kind: 'INTEGRATION', integration: { id, name: key?.name ?? id } });
    }
    return found;
  }
}
