import type { ReadAccessTable } from './field-access.js';

/**
 * Who may read each field of the core context's GraphQL types (see FieldAccess in @app/core).
 * Shared types: the pagination info of every list; who did something (Actor: an integration sees
 * its own identity; people's and operators' names are for readers).
 */
export const coreReadAccess: ReadAccessTable = {
  PageInfo: { anyone: ['endCursor', 'hasNextPage'] },
  Actor: { anyone: ['id', 'integration', 'kind'], readers: ['display', 'operator', 'responder'] },
  ActorResponder: { readers: ['handle', 'id', 'name'] },
  ActorIntegration: { anyone: ['id', 'name'] },
  ActorOperator: { readers: ['name'] },
  ActorDisplay: { readers: ['name'] },
};
