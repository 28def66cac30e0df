import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { ForbiddenError } from '../errors/app-error.js';
import type { GraphQLContext } from '../graphql/request-context.decorator.js';
import type { Role } from '../request-context/request-context.js';
import { READER_ROLES } from './require-role.js';

/**
 * Who may read a field, from the widest to the narrowest:
 * - `anyone`: integrations too (the id, state and times of what they raised, nothing about people);
 * - `readers`: everyone reading the dashboards (admins, managers, responders, viewers);
 * - `leads`: admins and managers (private reasons, raw event data);
 * - `admins`: admins only (tokens).
 */
export type ReadLevel = 'anyone' | 'readers' | 'leads' | 'admins';

export const READ_LEVELS: Record<ReadLevel, readonly Role[]> = {
  anyone: [...READER_ROLES, 'integration'],
  readers: READER_ROLES,
  leads: ['admin', 'manager'],
  admins: ['admin'],
};

/**
 * Each bounded context classifies every field of the GraphQL object types it owns:
 * `{ TypeName: { readers: ['id', 'name'], leads: ['reason'] } }`. The root types (Query,
 * Mutation) are not listed: their fields are gated by ReadAccessGuard and by each command's policy.
 */
export type ReadAccessTable = Record<string, Partial<Record<ReadLevel, readonly string[]>>>;

/** `Type.field` → the roles that may read it; a field that is not listed is refused to integrations. */
export class FieldAccess {
  private readonly roles = new Map<string, readonly Role[]>();

  constructor(...tables: ReadAccessTable[]) {
    for (const table of tables) {
      for (const [type, levels] of Object.entries(table)) {
        for (const [level, fields] of Object.entries(levels) as Array<[ReadLevel, readonly string[]]>) {
          for (const field of fields) {
            const key = `${type}.${field}`;
            if (this.roles.has(key)) throw new Error(`${key} is classified twice`);
            this.roles.set(key, READ_LEVELS[level]);
          }
        }
      }
    }
  }

  /** The roles that may read `Type.field`, or undefined when the field is not classified. */
  rolesFor(type: string, field: string): readonly Role[] | undefined {
    return this.roles.get(`${type}.${field}`);
  }

  /** Every `Type.field` the tables classify. */
  classified(): string[] {
    return [...this.roles.keys()];
  }

  mayRead(role: Role, type: string, field: string): boolean {
    if (role === 'system') return true;
    return (this.rolesFor(type, field) ?? READER_ROLES).includes(role);
  }

  /** Every `Type.field` the operation selects (fragments included) that `role` may not read. */
  refusedFields(schema: GraphQLSchema, document: DocumentNode, role: Role): string[] {
    const refused = new Set<string>();
    const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field: (node) => {
          const parent = typeInfo.getParentType();
          const name = node.name.value;
          if (!parent || roots.has(parent as never) || name.startsWith('__') || parent.name.startsWith('__')) return;
          if (!this.mayRead(role, parent.name, name)) refused.add(`${parent.name}.${name}`);
        },
      }),
    );
    return [...refused].sort();
  }
}

/**
 * Refuses, before anything runs, an operation that selects a field the caller's role may not
 * read: FORBIDDEN naming the fields, nothing resolved, nothing appended. The walk is done once per
 * parsed document and role (Apollo reuses a document for the same query text).
 */
export function fieldAccessPlugin(access: FieldAccess): ApolloServerPlugin<GraphQLContext> {
  const verdicts = new WeakMap<DocumentNode, Map<Role, string[]>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, contextValue }) {
          const role = contextValue.requestContext.role;
          let byRole = verdicts.get(document);
          if (!byRole) verdicts.set(document, (byRole = new Map()));
          let refused = byRole.get(role);
          if (!refused) byRole.set(role, (refused = access.refusedFields(schema, document, role)));
          if (refused.length === 0) return;
          const article = /^[aeiou]/.test(role) ? 'An' : 'A';
          const message = `${article} ${role} may not read ${refused.join(', ')}`;
          throw new GraphQLError(message, {
            originalError: new ForbiddenError(message, { fields: refused }),
            extensions: { code: 'FORBIDDEN', http: { status: 403 } },
          });
        },
      };
    },
  };
}
