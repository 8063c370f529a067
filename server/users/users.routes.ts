import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import { CreateUserBody, UserResponse } from './users.schemas.ts';
import * as users from './users.service.ts';

const tags = ['users'];

export const userRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get('/', {
    schema: { tags, summary: 'Пользователи в пределах доступа', response: { 200: Type.Array(UserResponse) } },
    config: { access: ['admin', 'analyst'] },
    handler: (request) => users.list({ db, scope: request.scope }),
  });

  app.post('/', {
    schema: { tags, summary: 'Добавить пользователя', body: CreateUserBody, response: { 201: UserResponse } },
    config: { access: ['admin', 'analyst'] },
    handler: async (request, reply) => reply.status(201).send(await users.create({ db, scope: request.scope }, request.body)),
  });
};
