import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import type { ApiTokenEvent, ApiTokenIssuedData } from './api-token.events.js';

export interface ApiToken extends ApiTokenIssuedData {
  revokedAt?: string;
  revokeReason?: string;
}

export type ApiTokenCommand =
  | ({ type: 'IssueApiToken' } & ApiTokenIssuedData)
  | { type: 'RevokeApiToken'; tokenId: string; reason: string; now: string };

/** The longest a token may live, checked when it is issued and again each time it is verified. */
export const MAX_LIFETIME_DAYS = 366;

export const apiTokenDecider: Decider<ApiTokenCommand, ApiToken | null, ApiTokenEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'IssueApiToken': {
        if (state) throw new ConflictError(`Token ${command.tokenId} already exists`);
        const lifetime = Date.parse(command.expiresAt) - Date.parse(command.issuedAt);
        if (!(lifetime > 0) || lifetime > MAX_LIFETIME_DAYS * 86_400_000) {
          throw new BadUserInputError('expiresInDays', `a token must expire within ${MAX_LIFETIME_DAYS} days`);
        }
        if (command.subjectKind === 'integration' && command.role !== 'integration') {
          throw new BadUserInputError('role', 'an integration token has the integration role');
        }
        if (command.subjectKind === 'display' && command.role !== 'viewer') {
          throw new BadUserInputError('role', 'a display token has the viewer role');
        }
        const { type: _, ...data } = command;
        return [{ type: 'ApiTokenIssued', data }];
      }
      case 'RevokeApiToken': {
        if (!state) throw new NotFoundError('API token', command.tokenId);
        if (state.revokedAt) throw new ConflictError(`Token ${command.tokenId} is already revoked`);
        return [
          {
            type: 'ApiTokenRevoked',
            data: { tokenId: command.tokenId, reason: command.reason, revokedAt: command.now },
          },
        ];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ApiTokenIssued':
        return { ...event.data };
      case 'ApiTokenRevoked':
        return state && { ...state, revokedAt: event.data.revokedAt, revokeReason: event.data.reason };
    }
  },
};
