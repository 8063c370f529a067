import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import {
  CreateOrganisationBody,
  IdParams,
  ImportBody,
  ImportResponse,
  OrganisationListQuery,
  OrganisationResponse,
  UpdateOrganisationBody,
} from './organisations.schemas.ts';
import * as organisations from './organisations.service.ts';

const READERS = ['admin', 'analyst', 'coordinator', 'viewer'] as const;
const EDITORS = ['admin', 'analyst'] as const;
const tags = ['organisations'];

export const organisationRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get('/', {
    schema: { tags, summary: 'Дерево организаций в пределах доступа', querystring: OrganisationListQuery, response: { 200: Type.Array(OrganisationResponse) } },
    config: { access: READERS },
    handler: (request) => organisations.list({ db, scope: request.scope }, request.query),
  });

  app.get('/:id', {
    schema: { tags, params: IdParams, response: { 200: OrganisationResponse } },
    config: { access: READERS },
    handler: (request) => organisations.get({ db, scope: request.scope }, request.params.id),
  });

  app.post('/', {
    schema: { tags, summary: 'Создать регион, муниципалитет или организацию', body: CreateOrganisationBody, response: { 201: OrganisationResponse } },
    config: { access: EDITORS },
    handler: async (request, reply) => reply.status(201).send(await organisations.create({ db, scope: request.scope }, request.body)),
  });

  app.patch('/:id', {
    schema: { tags, params: IdParams, body: UpdateOrganisationBody, response: { 200: OrganisationResponse } },
    config: { access: EDITORS },
    handler: (request) => organisations.update({ db, scope: request.scope }, request.params.id, request.body),
  });

  app.post('/import', {
    schema: { tags, summary: 'Импорт организаций муниципалитета из CSV (всё или ничего)', body: ImportBody, response: { 201: ImportResponse } },
    config: { access: EDITORS },
    handler: async (request, reply) => {
      const imported = await organisations.importInstitutions({ db, scope: request.scope }, request.body);
      return reply.status(201).send({ imported: imported.length, organisations: imported });
    },
  });
};
