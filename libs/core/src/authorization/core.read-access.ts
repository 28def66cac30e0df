import type { ReadAccessTable } from './field-access.js';

/**
 * Who may read each field of the core context's GraphQL types (see FieldAccess in @app/core).
 * Shared types: the pagination info of every list.
 */
export const coreReadAccess: ReadAccessTable = {
  PageInfo: { anyone: ['endCursor', 'hasNextPage'] },
};
