import { buildSchema } from 'graphql';
import { dropPropertyReaders } from './property-readers.js';

/** Nest's resolver for a code-first field: the property, or the field's default value. */
function nestReader(property: string, defaultValue?: unknown) {
  const rootFieldResolver = (root: Record<string, unknown>) =>
    root[property] === undefined ? defaultValue : root[property];
  return rootFieldResolver;
}

describe('dropPropertyReaders', () => {
  const build = () => {
    const schema = buildSchema('type Query { plain: String, withDefault: Int, renamed: String, own: String }');
    const fields = schema.getQueryType()!.getFields();
    fields.plain.resolve = nestReader('plain');
    fields.withDefault.resolve = nestReader('withDefault', 3);
    fields.renamed.resolve = nestReader('other');
    fields.own.resolve = () => 'computed';
    return { schema, fields };
  };

  it("drops only the readers graphql's default resolver can replace", () => {
    const { schema, fields } = build();
    expect(dropPropertyReaders(schema)).toBe(schema);
    expect(fields.plain.resolve).toBeUndefined();
    expect(fields.withDefault.resolve).toBeDefined();
    expect(fields.renamed.resolve).toBeDefined();
    expect(fields.own.resolve).toBeDefined();
  });
});
