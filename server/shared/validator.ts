// Request validation with TypeBox's compiled checks. The type provider's own compiler runs
// Value.Convert over every path parameter and query string before checking, a walk of the
// schema on each request; here a part that already passes is taken as it is, and only one
// that fails is converted ("5" → 5 for a number in a query) and checked again.
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const check = Compile(schema);
  return (value) => {
    if (check.Check(value)) return { value };
    // a body is JSON and keeps its types: "30" for a number is an error there, not a number
    const converted = httpPart === 'body' ? value : Value.Convert(schema, value);
    if (httpPart !== 'body' && check.Check(converted)) return { value: converted };
    return { error: check.Errors(converted) as never };
  };
};
