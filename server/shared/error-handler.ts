// Maps every error to the API's error shape. Validation errors name the field; a 500 leaks
// nothing but a request id to quote.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail } from './errors.ts';

type ValidationIssue = { instancePath?: string; message?: string; keyword?: string; params?: Record<string, unknown> };

function fieldOf(issue: ValidationIssue, part: string): string {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const params = issue.params ?? {};
  // the "required" and "additionalProperties" errors name the field in their params
  const extra = (params.requiredProperties as string[] | undefined)?.join(', ') ?? (params.additionalProperties as string[] | undefined)?.join(', ');
  return [part, path, extra].filter(Boolean).join('.');
}

function describe(issue: ValidationIssue): string {
  if (issue.keyword === 'additionalProperties') return 'неизвестное поле';
  if (issue.keyword === 'required') return 'обязательное поле';
  return issue.message ?? 'недопустимое значение';
}

const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too_large', 'Слишком большой запрос'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.malformed_json', 'Тело запроса — некорректный JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.malformed_json', 'Пустое тело запроса при Content-Type: application/json'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupported_media_type', 'Неподдерживаемый Content-Type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.invalid_length', 'Неверная длина тела запроса'],
  FST_ERR_BAD_URL: [400, 'request.bad_url', 'Некорректный адрес запроса'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'request.bad_url', 'Некорректный адрес запроса'],
};

export function registerErrorHandler(app: FastifyInstance, spa = false) {
  app.setErrorHandler((error: FastifyError & { validation?: ValidationIssue[]; validationContext?: string }, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (error.validation) {
      const details: ErrorDetail[] = error.validation.map((issue) => ({
        field: fieldOf(issue, error.validationContext ?? 'body'),
        message: describe(issue),
      }));
      const fields = [...new Set(details.map((d) => d.field))].join(', ');
      return reply.status(400).send({
        error: { code: 'request.invalid', message: `Неверные данные запроса: ${fields}`, details },
      });
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) {
      return reply.status(known[0]).send({ error: { code: known[1], message: known[2] } });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({ error: { code: 'request.rate_limited', message: 'Слишком много запросов, попробуйте позже' } });
    }
    if (isDatabaseDown(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.status(503).header('retry-after', '5').send({ error: { code: 'db.unavailable', message: 'База данных временно недоступна, повторите попытку' } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'request.invalid', message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: `Внутренняя ошибка сервера (запрос ${request.id})` } });
  });

  app.setNotFoundHandler((request, reply) => {
    // client-side routes of the web app all start from index.html
    // (a missing file such as /favicon.ico stays a 404)
    if (spa && request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/assets/') && !/\.[a-z0-9]+$/i.test(request.url.split('?')[0])) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    reply.status(404).send({ error: { code: 'route.not_found', message: `Нет такого адреса: ${request.method} ${request.url.split('?')[0]}` } });
  });
}

const DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', '57P01', '57P03']);

/** The SQLSTATE of a database error, wherever drizzle or the driver nested it in the causes. */
export function pgCode(error: unknown): string | undefined {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
}

export function isDatabaseDown(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code && DOWN_CODES.has(e.code)) return true;
  }
  return false;
}

/** Fastify's frameworkErrors: errors raised before a route is found (a malformed URL). */
export function routerError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const known = FASTIFY_CODES[error.code];
  reply.status(known?.[0] ?? 400).send({ error: { code: known?.[1] ?? 'request.bad_url', message: known?.[2] ?? 'Некорректный адрес запроса' } });
}
