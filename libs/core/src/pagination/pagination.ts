import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { Type as Constructor } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { BadUserInputError } from '../errors/app-error.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first` and `after` of every paginated list: keyset pagination with opaque cursors. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many items, at most ${MAX_PAGE_SIZE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field({ nullable: true, description: 'The endCursor of the previous page' })
  @IsOptional()
  @MaxLength(500)
  after?: string;
}

@ObjectType('PageInfo')
export class PageInfoModel {
  @Field()
  hasNextPage: boolean;

  @Field({ nullable: true, description: 'Pass as `after` to get the next page' })
  endCursor?: string;
}

export type CursorKey = Array<string | number | null>;

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfoModel;
  totalCount: number;
}

/**
 * Cursors are signed: the key is drawn at start-up, so a cursor holds for the life of the process
 * (a list is paged through in minutes) and one that was altered, made up or kept across a restart
 * is refused rather than read as some other position.
 */
const CURSOR_KEY = createSecretKey(randomBytes(32));
const TAG_BYTES = 16;
/** Dashboards ask for the same pages over and over: their cursors' tags are kept (a bounded few). */
const tags = new Map<string, Buffer>();
const MAX_TAGS = 1_000;

function tagOf(content: string): Buffer {
  let tag = tags.get(content);
  if (!tag) {
    tag = createHmac('sha256', CURSOR_KEY).update(content).digest().subarray(0, TAG_BYTES);
    if (tags.size >= MAX_TAGS) tags.clear();
    tags.set(content, tag);
  }
  return tag;
}

export function encodeCursor(key: CursorKey): string {
  const content = Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
  return `${content}.${tagOf(content).toString('base64url')}`;
}

/** The sort key a cursor stands for; BAD_USER_INPUT on `after` when it is not one of ours. */
export function decodeCursor(cursor: string, length: number): CursorKey {
  const [content, tag, ...rest] = cursor.split('.');
  if (content && tag && rest.length === 0 && isTagOf(content, tag)) {
    try {
      const key = JSON.parse(Buffer.from(content, 'base64url').toString('utf8')) as unknown;
      if (
        Array.isArray(key) &&
        key.length === length &&
        key.every((part) => part === null || typeof part === 'string' || typeof part === 'number')
      ) {
        return key as CursorKey;
      }
    } catch {
      // reported below
    }
  }
  throw new BadUserInputError('after', 'after must be the endCursor of a previous page');
}

function isTagOf(content: string, tag: string): boolean {
  const given = Buffer.from(tag, 'base64url');
  // base64url decoding skips characters outside its alphabet: the tag must also read back the same
  return given.length === TAG_BYTES && given.toString('base64url') === tag && timingSafeEqual(given, tagOf(content));
}

/**
 * Builds a page from rows fetched with `first + 1` as the limit: the extra row only tells whether
 * there is a next page.
 */
export function toPage<Row, T>(
  rows: Row[],
  first: number,
  totalCount: number,
  keyOf: (row: Row) => CursorKey,
  map: (row: Row) => T,
): Page<T> {
  const hasNextPage = rows.length > first;
  const kept = hasNextPage ? rows.slice(0, first) : rows;
  return {
    nodes: kept.map(map),
    pageInfo: { hasNextPage, endCursor: kept.length > 0 ? encodeCursor(keyOf(kept[kept.length - 1])) : undefined },
    totalCount,
  };
}

/** A GraphQL connection type for `Node`: `nodes`, `pageInfo` and `totalCount`. */
export function Connection<Node>(node: Constructor<Node>) {
  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements Page<Node> {
    @Field(() => [node])
    nodes: Node[];

    @Field(() => PageInfoModel)
    pageInfo: PageInfoModel;

    @Field(() => Int, { description: 'How many items match, over all pages' })
    totalCount: number;
  }
  return ConnectionType;
}

/** Orders sort keys part by part: null first, numbers by value, strings by code unit. */
export function compareCursorKeys(a: CursorKey, b: CursorKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const [x, y] = [a[i] ?? null, b[i] ?? null];
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/**
 * A page of a list held in memory, in the order of its keys (`keyOf` must be unique, e.g. end
 * with the id): the items after the key `after` stands for, so an item added or removed
 * meanwhile shifts nothing.
 */
export function pageOfList<T>(
  items: readonly T[],
  { first, after }: { first: number; after?: string | null },
  keyOf: (item: T) => CursorKey,
  keyLength: number,
): Page<T> {
  const keyed = items.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => compareCursorKeys(a.key, b.key));
  const from = after == null ? null : decodeCursor(after, keyLength);
  const rest = from === null ? keyed : keyed.filter(({ key }) => compareCursorKeys(key, from) > 0);
  return toPage(
    rest.slice(0, first + 1),
    first,
    items.length,
    ({ key }) => key,
    ({ item }) => item,
  );
}
