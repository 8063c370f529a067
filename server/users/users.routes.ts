import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import type { ResetJobs } from '../auth/password-reset.service.ts';
import { CreateUserBody, UpdateUserBody, UserParams, UserResponse } from './users.schemas.ts';
import * as users from './users.service.ts';

const tags = ['users'];
const MANAGERS = ['admin', 'analyst'] as const;

export const userRoutes: FastifyPluginAsyncTypebox<{ db: Db; jobs: ResetJobs }> = async (app, { db, jobs }) => {
  app.get('/', {
    schema: { tags, summary: 'Пользователи в пределах доступа', response: { 200: Type.Array(UserResponse) } },
    config: { access: MANAGERS },
    handler: (request) => users.list({ db, scope: request.scope }),
  });

  app.post('/', {
    schema: { tags, summary: 'Добавить пользователя (без пароля — письмо со ссылкой для его установки)', body: CreateUserBody, response: { 201: UserResponse } },
    config: { access: MANAGERS },
    handler: async (request, reply) => reply.status(201).send(await users.create({ db, scope: request.scope, jobs }, request.body)),
  });

  app.patch('/:id', {
    schema: { tags, summary: 'Изменить имя, роль или организацию пользователя', params: UserParams, body: UpdateUserBody, response: { 200: UserResponse } },
    config: { access: MANAGERS },
    handler: (request) => users.update({ db, scope: request.scope }, request.params.id, request.body),
  });

  app.post('/:id/deactivate', {
    schema: { tags, summary: 'Отключить учётную запись (все сеансы завершаются сразу)', params: UserParams, response: { 200: UserResponse } },
    config: { access: MANAGERS },
    handler: (request) => users.deactivate({ db, scope: request.scope, jobs }, request.params.id),
  });

  app.post('/:id/reactivate', {
    schema: { tags, summary: 'Включить учётную запись', params: UserParams, response: { 200: UserResponse } },
    config: { access: MANAGERS },
    handler: (request) => users.reactivate({ db, scope: request.scope }, request.params.id),
  });

  app.post('/:id/reset-password', {
    schema: { tags, summary: 'Сбросить пароль: он перестаёт действовать, сеансы завершаются, приходит письмо со ссылкой', params: UserParams, response: { 202: Type.Null() } },
    config: { access: MANAGERS },
    handler: async (request, reply) => {
      await users.forceReset({ db, scope: request.scope, jobs }, request.params.id);
      return reply.status(202).send(null);
    },
  });
};
