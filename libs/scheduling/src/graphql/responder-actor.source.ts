import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ActorDirectory, type ActorSource, type ResolvedActor } from '@app/core';
import { ScheduleQueries } from '../projections/schedule.queries.js';

/** Names the actors that are registered responders (their actor string is the responder id). */
@Injectable()
export class ResponderActorSource implements ActorSource, OnModuleInit {
  constructor(
    private readonly directory: ActorDirectory,
    private readonly schedule: ScheduleQueries,
  ) {}

  onModuleInit(): void {
    this.directory.register(this);
  }

  resolve(actors: readonly string[]): Map<string, ResolvedActor> {
    const found = new Map<string, ResolvedActor>();
    for (const actor of actors) {
      const responder = this.schedule.findResponder(actor);
      if (responder) {
        found.set(actor, {
          kind: 'RESPONDER',
          responder: { id: responder.responderId, name: responder.name, handle: responder.handle },
        });
      }
    }
    return found;
  }
}
