/** The GraphQL selection of an Actor, and its name in words. */
export const ACTOR_FIELDS = `kind id responder { id name } operator { name } integration { name } display { name }`;

export interface ActorView {
  kind: 'RESPONDER' | 'OPERATOR' | 'INTEGRATION' | 'DISPLAY' | 'SYSTEM';
  id: string;
  responder?: { id: string; name: string } | null;
  operator?: { name: string } | null;
  integration?: { name: string } | null;
  display?: { name: string } | null;
}

export function actorName(actor: ActorView | null | undefined): string {
  if (!actor) return 'someone';
  switch (actor.kind) {
    case 'RESPONDER':
      return actor.responder?.name ?? actor.id;
    case 'OPERATOR':
      return `operator ${actor.operator?.name ?? actor.id}`;
    case 'INTEGRATION':
      return `integration ${actor.integration?.name ?? actor.id}`;
    case 'DISPLAY':
      return `display ${actor.display?.name ?? actor.id}`;
    case 'SYSTEM':
      return 'the system';
  }
}
