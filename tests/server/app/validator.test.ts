import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { validatorCompiler } from '../../../server/shared/validator.ts';

const compile = (schema: Parameters<typeof validatorCompiler>[0]['schema'], httpPart: string) => validatorCompiler({ schema, httpPart, method: 'GET', url: '/' });
const Query = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })), t: Type.Optional(Type.String()) });
const Body = Type.Object({ children: Type.Number() });

describe('request validation', () => {
  it('takes a part that already passes as it is', () => {
    const value = { t: 'abc' };
    expect(compile(Query, 'querystring')(value)).toEqual({ value });
    expect((compile(Query, 'querystring')(value) as { value: unknown }).value).toBe(value);
  });

  it('converts a query string\'s text to the number its schema asks for', () => {
    expect(compile(Query, 'querystring')({ version: '2' })).toEqual({ value: { version: 2 } });
  });

  it('refuses what conversion cannot mend', () => {
    expect(compile(Query, 'querystring')({ version: 'drop table' })).toHaveProperty('error');
    expect(compile(Query, 'querystring')({ version: '0' })).toHaveProperty('error');
  });

  it('does not convert a JSON body: "30" for a number is an error', () => {
    expect(compile(Body, 'body')({ children: '30' })).toHaveProperty('error');
    expect(compile(Body, 'body')({ children: 30 })).toEqual({ value: { children: 30 } });
  });
});
