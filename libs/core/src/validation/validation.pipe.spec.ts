import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsIn, IsOptional, MaxLength } from 'class-validator';
import { PageArgs } from '../pagination/pagination.js';
import { createValidationPipe } from './validation.pipe.js';

class SeverityFilter {
  @IsOptional()
  @IsIn(['S1', 'S2'])
  severity?: string;

  @IsOptional()
  @MaxLength(5, { each: true })
  tags?: string[];
}

const page: ArgumentMetadata = { type: 'body', metatype: PageArgs, data: undefined };
const filter: ArgumentMetadata = { type: 'body', metatype: SeverityFilter, data: 'filter' };

async function problem(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    return { type: (error as Error).constructor.name, message: (error as Error).message };
  }
  throw new Error('expected a refusal');
}

describe('the argument validation pipe', () => {
  it('answers repeated flat arguments as the first validation did, each time with a new instance', async () => {
    const pipe = createValidationPipe();
    const first = await pipe.transform({ first: 20, after: 'cursor' }, page);
    const again = await pipe.transform({ first: 20, after: 'cursor' }, page);
    const fresh = await createValidationPipe().transform({ first: 20, after: 'cursor' }, page);
    expect(again).toBeInstanceOf(PageArgs);
    expect(again).not.toBe(first);
    expect(again).toEqual(fresh);
    expect(Object.keys(again as object)).toEqual(Object.keys(fresh as object));
    (again as PageArgs).first = 5;
    expect(await pipe.transform({ first: 20, after: 'cursor' }, page)).toEqual(fresh);
  });

  it('gives an absent filter the empty instance each time', async () => {
    const pipe = createValidationPipe();
    const first = await pipe.transform(undefined, filter);
    const again = await pipe.transform(undefined, filter);
    expect(again).toBeInstanceOf(SeverityFilter);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });

  it('refuses an invalid value every time with the same error, having remembered a valid one', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({ first: 20 }, page);
    const fresh = await problem(() => createValidationPipe().transform({ first: 500 }, page));
    expect(fresh.message).toMatch(/first/);
    expect(await problem(() => pipe.transform({ first: 500 }, page))).toEqual(fresh);
    expect(await problem(() => pipe.transform({ first: 500 }, page))).toEqual(fresh);
  });

  it('keeps values apart: a valid one does not let a different invalid one through', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({ severity: 'S1' }, filter);
    expect((await problem(() => pipe.transform({ severity: 'S9' }, filter))).message).toMatch(/severity/);
    expect((await problem(() => pipe.transform({ severity: 1 }, filter))).message).toMatch(/severity/);
  });

  it('validates values that are not flat every time', async () => {
    const pipe = createValidationPipe();
    expect(await pipe.transform({ tags: ['ok'] }, filter)).toEqual(
      Object.assign(new SeverityFilter(), { tags: ['ok'] }),
    );
    expect((await problem(() => pipe.transform({ tags: ['far too long'] }, filter))).message).toMatch(/tags/);
  });

  it('passes arguments of built-in types through as they are', async () => {
    const pipe = createValidationPipe();
    const at = new Date('2026-01-05T00:00:00Z');
    const ids = ['a', 'b'];
    expect(await pipe.transform(at, { type: 'body', metatype: Date, data: 'at' })).toBe(at);
    expect(await pipe.transform(ids, { type: 'body', metatype: Array, data: 'ids' })).toBe(ids);
    expect(await pipe.transform(undefined, { type: 'body', metatype: Date, data: 'at' })).toBeUndefined();
  });
});
