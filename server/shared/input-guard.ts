// One check on every request's body, query and params, before validation: text that
// PostgreSQL cannot store (a NUL character, a lone UTF-16 surrogate) and structures nested
// deeper than any of our forms are refused with a 400 that names the field — instead of failing
// deep inside survey-core or the database.
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

const MAX_DEPTH = 64;
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function inspect(value: unknown, path: string, depth: number): AppError | null {
  if (typeof value === 'string') {
    return BAD_TEXT.test(value) ? new AppError(400, 'request.invalid_text', `Недопустимый символ в поле ${path}`, [{ field: path, message: 'нулевой символ или разорванная суррогатная пара' }]) : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return new AppError(400, 'request.too_deep', `Слишком глубокая вложенность в поле ${path}`, [{ field: path, message: `вложенность больше ${MAX_DEPTH}` }]);
  for (const [key, child] of Object.entries(value)) {
    if (BAD_TEXT.test(key)) return new AppError(400, 'request.invalid_text', `Недопустимый символ в имени поля внутри ${path}`, [{ field: path, message: 'недопустимый символ в имени поля' }]);
    const problem = inspect(child, `${path}.${key}`, depth + 1);
    if (problem) return problem;
  }
  return null;
}

export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const problem = inspect(request.body, 'body', 0) ?? inspect(request.query, 'query', 0) ?? inspect(request.params, 'params', 0);
    if (problem) throw problem;
  });
}
