import { Injectable } from '@nestjs/common';
import { actorFromItsForm, unknownActor, type ActorSource, type ResolvedActor } from './actor.js';

/**
 * Resolves actor strings through the sources the contexts register (scheduling: responders;
 * integrations: keys; identity: token subjects). Each GraphQL request gets its own loader: the
 * actors an answer shows are collected over one tick and resolved in one batch, then cached for
 * the rest of the request.
 */
@Injectable()
export class ActorDirectory {
  private readonly sources: ActorSource[] = [];
  private readonly loaders = new WeakMap<object, ActorLoader>();

  register(source: ActorSource): void {
    this.sources.push(source);
  }

  /** The loader of one request (`scope` is its GraphQL context object). */
  loaderFor(scope: object): ActorLoader {
    let loader = this.loaders.get(scope);
    if (!loader) this.loaders.set(scope, (loader = new ActorLoader((actors) => this.resolveMany(actors))));
    return loader;
  }

  async resolveMany(actors: readonly string[]): Promise<Map<string, ResolvedActor>> {
    const resolved = new Map<string, ResolvedActor>();
    let remaining: string[] = [];
    for (const actor of new Set(actors)) {
      const byForm = actorFromItsForm(actor);
      if (byForm) resolved.set(actor, byForm);
      else remaining.push(actor);
    }
    for (const source of this.sources) {
      if (remaining.length === 0) break;
      const found = await source.resolve(remaining);
      for (const [actor, named] of found) resolved.set(actor, named);
      remaining = remaining.filter((actor) => !found.has(actor));
    }
    for (const actor of remaining) resolved.set(actor, unknownActor(actor));
    return resolved;
  }
}

/** DataLoader-style: `load` calls made in the same tick are resolved together, each actor once. */
export class ActorLoader {
  private readonly cache = new Map<string, Promise<ResolvedActor>>();
  private pending = new Map<string, { resolve: (actor: ResolvedActor) => void; reject: (error: unknown) => void }>();

  constructor(private readonly resolveMany: (actors: readonly string[]) => Promise<Map<string, ResolvedActor>>) {}

  load(actor: string): Promise<ResolvedActor> {
    let promise = this.cache.get(actor);
    if (!promise) {
      promise = new Promise<ResolvedActor>((resolve, reject) => {
        if (this.pending.size === 0) process.nextTick(() => void this.flush());
        this.pending.set(actor, { resolve, reject });
      });
      this.cache.set(actor, promise);
    }
    return promise;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    try {
      const resolved = await this.resolveMany([...batch.keys()]);
      for (const [actor, { resolve }] of batch) resolve(resolved.get(actor) ?? unknownActor(actor));
    } catch (error) {
      for (const { reject } of batch.values()) reject(error);
    }
  }
}
