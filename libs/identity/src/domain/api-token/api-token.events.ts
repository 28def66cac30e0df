import type { DomainEvent } from '@app/event-store/pure';
import type { Role } from '@app/core/pure';

/**
 * Who a token speaks for: a registered responder, a system integration, an operator (first admin),
 * or a display (a wall screen: a named viewer with no person behind it).
 */
export const SUBJECT_KINDS = ['responder', 'integration', 'operator', 'display'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export interface ApiTokenIssuedData {
  tokenId: string;
  subject: string;
  subjectKind: SubjectKind;
  role: Role;
  label: string;
  issuedAt: string;
  expiresAt: string;
}

export type ApiTokenEvent =
  | DomainEvent<'ApiTokenIssued', ApiTokenIssuedData>
  | DomainEvent<'ApiTokenRevoked', { tokenId: string; reason: string; revokedAt: string }>;

export const apiTokenStream = (tokenId: string) => `api-token-${tokenId}`;
