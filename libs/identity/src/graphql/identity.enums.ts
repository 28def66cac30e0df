import { enumFromList, TOKEN_ROLES, type TokenRole } from '@app/core';
import { SUBJECT_KINDS, type SubjectKind } from '../domain/api-token/api-token.events.js';

export const RoleValue = enumFromList(TOKEN_ROLES, 'Role', { names: 'upper', description: 'What a token may do' });
export type RoleValue = TokenRole;

export const SubjectKindValue = enumFromList(SUBJECT_KINDS, 'TokenSubjectKind', {
  names: 'upper',
  description: 'Whom a token speaks for',
});
export type SubjectKindValue = SubjectKind;
