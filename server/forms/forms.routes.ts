import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import { CreateFormBody, FormDetail, FormSummary, FormVersionResponse, GenerateBody, GeneratedResponse, IdParams, PublishedForm, PublishedVersion, VersionBody } from './forms.schemas.ts';
import * as forms from './forms.service.ts';

const READERS = ['admin', 'analyst', 'coordinator', 'viewer'] as const;
const BUILDERS = ['admin', 'analyst'] as const;
const tags = ['forms'];

export const formRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.post('/forms/generate', {
    schema: { tags, summary: 'Сгенерировать форму из показателей (без сохранения)', body: GenerateBody, response: { 200: GeneratedResponse } },
    config: { access: BUILDERS },
    handler: (request) => forms.generate({ db, scope: request.scope }, request.body),
  });
  app.get('/forms', {
    schema: { tags, response: { 200: Type.Array(FormSummary) } },
    config: { access: READERS },
    handler: (request) => forms.list({ db, scope: request.scope }),
  });
  app.post('/forms', {
    schema: { tags, summary: 'Опубликовать форму (версия 1)', body: CreateFormBody, response: { 201: PublishedForm } },
    config: { access: BUILDERS },
    handler: async (request, reply) => reply.status(201).send(await forms.create({ db, scope: request.scope }, request.body)),
  });
  app.get('/forms/:id', {
    schema: { tags, params: IdParams, response: { 200: FormDetail } },
    config: { access: READERS },
    handler: (request) => forms.get({ db, scope: request.scope }, request.params.id),
  });
  app.post('/forms/:id/versions', {
    schema: { tags, summary: 'Опубликовать новую версию формы', params: IdParams, body: VersionBody, response: { 201: PublishedVersion } },
    config: { access: BUILDERS },
    handler: async (request, reply) => reply.status(201).send(await forms.addVersion({ db, scope: request.scope }, request.params.id, request.body)),
  });
  app.get('/form-versions/:id', {
    schema: { tags, params: IdParams, response: { 200: FormVersionResponse } },
    config: { access: READERS },
    handler: (request) => forms.getVersion({ db, scope: request.scope }, request.params.id),
  });
};
