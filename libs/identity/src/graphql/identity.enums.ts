import { registerEnumType } from '@nestjs/graphql';

export enum RoleValue {
  ADMIN = 'admin',
  MANAGER = 'manager',
  RESPONDER = 'responder',
  VIEWER = 'viewer',
  INTEGRATION = 'integration',
}

export enum SubjectKindValue {
  RESPONDER = 'responder',
  INTEGRATION = 'integration',
  OPERATOR = 'operator',
  DISPLAY = 'display',
}

registerEnumType(RoleValue, { name: 'Role', description: 'What a token may do' });
registerEnumType(SubjectKindValue, { name: 'TokenSubjectKind', description: 'Whom a token speaks for' });
