import type { ReadAccessTable } from '@app/core';

/**
 * Who may read each field of the identity context's GraphQL types (see FieldAccess in @app/core).
 * Tokens are an admin's business; `me` tells anyone who they are.
 */
export const identityReadAccess: ReadAccessTable = {
  ApiTokenConnection: { admins: ['nodes', 'pageInfo', 'totalCount'] },
  ApiToken: {
    admins: ['expiresAt', 'id', 'issuedAt', 'label', 'revokeReason', 'revokedAt', 'role', 'subject', 'subjectKind'],
  },
  Identity: { anyone: ['actor', 'role', 'tokenId'] },
  IssuedApiToken: { admins: ['apiToken', 'token'] },
};
