import { SYSTEM_ACTOR } from '../request-context/request-context.js';

/** The kinds of who-did-it, as the GraphQL enum ActorKind lists them. */
export const ACTOR_KINDS = ['RESPONDER', 'INTEGRATION', 'OPERATOR', 'DISPLAY', 'SYSTEM'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const OPERATOR_PREFIX = 'operator:';
/** The token subject of a wall display (a viewer token with no person behind it). */
export const DISPLAY_PREFIX = 'display:';

/**
 * Who did something, named: the actor string events carry (a responder id, `operator:<name>`,
 * `integration-key:<id>`, a token subject, or `system`) resolved through the read models.
 */
export type ResolvedActor =
  | { kind: 'RESPONDER'; responder: { id: string; name: string; handle: string } }
  | { kind: 'INTEGRATION'; integration: { id: string; name: string } }
  | { kind: 'OPERATOR'; operator: { name: string } }
  | { kind: 'DISPLAY'; display: { name: string } }
  | { kind: 'SYSTEM' };

/**
 * Names the actors it knows among those asked (a context's read model: responders, integration
 * keys, token subjects). Asked once per request for all the actors an answer shows.
 */
export interface ActorSource {
  resolve(actors: readonly string[]): ReadonlyMap<string, ResolvedActor> | Promise<ReadonlyMap<string, ResolvedActor>>;
}

/** What an actor string says by itself: the system, an operator or a display by name; otherwise undefined. */
export function actorFromItsForm(actor: string): ResolvedActor | undefined {
  if (actor === SYSTEM_ACTOR) return { kind: 'SYSTEM' };
  if (actor.startsWith(OPERATOR_PREFIX))
    return { kind: 'OPERATOR', operator: { name: actor.slice(OPERATOR_PREFIX.length) } };
  if (actor.startsWith(DISPLAY_PREFIX))
    return { kind: 'DISPLAY', display: { name: actor.slice(DISPLAY_PREFIX.length) } };
  return undefined;
}

/** An actor no source knows (a token subject of a token since forgotten): an operator by that name. */
export function unknownActor(actor: string): ResolvedActor {
  return { kind: 'OPERATOR', operator: { name: actor } };
}
