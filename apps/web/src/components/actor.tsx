export interface ActorFields {
  id: string;
  kind?: string;
  display?: { name: string } | null;
  responder?: { name: string } | null;
  operator?: { name: string } | null;
}

/** The fragment of fields ActorName reads */
export const ACTOR_FIELDS = 'id display { name } responder { name } operator { name }';

export function actorName(actor: ActorFields): string {
  return actor.display?.name ?? actor.responder?.name ?? actor.operator?.name ?? actor.id;
}

export function ActorName({ actor }: { actor: ActorFields }) {
  return <span className="actor">{actorName(actor)}</span>;
}
