import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
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

  /**
   * Every `Type.field` the operation selects (fragments included) that `role` may not read. A
   * direct walk of the selection sets (no visitor): a few microseconds for a dashboard query.
   */
  refusedFields(schema: GraphQLSchema, document: DocumentNode, role: Role): string[] {
    const refused = new Set<string>();
    const roots = new Set<GraphQLNamedType | null | undefined>([
      schema.getQueryType(),
      schema.getMutationType(),
      schema.getSubscriptionType(),
    ]);
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const walked = new Set<string>();
    const walk = (type: GraphQLNamedType | null | undefined, selectionSet: SelectionSetNode): void => {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const name = selection.name.value;
          // __typename, __schema, __type: introspection reveals the schema, not data
          if (name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
          const field = type.getFields()[name];
          if (!field) continue;
          if (!roots.has(type) && !this.mayRead(role, type.name, name)) refused.add(`${type.name}.${name}`);
          if (selection.selectionSet) walk(getNamedType(field.type), selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          walk(
            selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type,
            selection.selectionSet,
          );
        } else {
          const fragment = fragments.get(selection.name.value);
          if (!fragment || walked.has(fragment.name.value)) continue;
          walked.add(fragment.name.value);
          walk(schema.getType(fragment.typeCondition.name.value), fragment.selectionSet);
        }
      }
    };
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const root = {
        query: schema.getQueryType(),
        mutation: schema.getMutationType(),
        subscription: schema.getSubscriptionType(),
      };
      walk(root[definition.operation], definition.selectionSet);
    }
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
