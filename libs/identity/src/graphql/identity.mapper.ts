import type { ApiToken } from '../domain/api-token/api-token.decider.js';
import type { RoleValue } from './identity.enums.js';
import type { ApiTokenModel } from './models/api-token.model.js';

export function toApiTokenModel(token: ApiToken): ApiTokenModel {
  return {
    id: token.tokenId,
    subject: token.subject,
    subjectKind: token.subjectKind,
    role: token.role as RoleValue,
    label: token.label,
    issuedAt: new Date(token.issuedAt),
    expiresAt: new Date(token.expiresAt),
    revokedAt: token.revokedAt ? new Date(token.revokedAt) : undefined,
    revokeReason: token.revokeReason,
  };
}
