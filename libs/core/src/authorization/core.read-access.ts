import type { ReadAccessTable } from './field-access.js';

/**
 * Who may read each field of the core context's GraphQL types (see FieldAccess in @app/core).
 * Shared types: the pagination info of every list; who did something (Actor: people's names, so
 * readers, as the fields that show an actor).
 */
export const coreReadAccess: ReadAccessTable = {
  PageInfo: { anyone: ['endCursor', 'hasNextPage'] },
  Actor: { readers: ['id', 'integration', 'kind', 'operator', 'responder'] },
  ActorResponder: { readers: ['handle', 'id', 'name'] },
  ActorIntegration: { readers: ['id', 'name'] },
  ActorOperator: { readers: ['name'] },
};
