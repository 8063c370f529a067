import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import type { Clock } from '../shared/clock.ts';
import { AssignmentResponse, CampaignDetail, CampaignResponse, CreateCampaignBody, ExpectedBody, IdParams } from './campaigns.schemas.ts';
import * as campaigns from './campaigns.service.ts';

const READERS = ['admin', 'analyst', 'coordinator', 'viewer'] as const;
const MANAGERS = ['admin', 'analyst'] as const;
const tags = ['campaigns'];

export const campaignRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  const ctx = (request: { scope: campaigns.Ctx['scope'] }) => ({ db, clock, scope: request.scope });
  app.get('/campaigns', {
    schema: { tags, summary: 'Кампании сбора с итогами по доступным организациям', response: { 200: Type.Array(CampaignResponse) } },
    config: { access: READERS },
    handler: (request) => campaigns.list(ctx(request)),
  });
  app.post('/campaigns', {
    schema: { tags, summary: 'Запустить сбор: задания для каждой организации', body: CreateCampaignBody, response: { 201: CampaignDetail } },
    config: { access: MANAGERS },
    handler: async (request, reply) => {
      const id = await campaigns.create(ctx(request), request.body);
      return reply.status(201).send(await campaigns.get(ctx(request), id));
    },
  });
  app.get('/campaigns/:id', {
    schema: { tags, params: IdParams, response: { 200: CampaignDetail } },
    config: { access: READERS },
    handler: (request) => campaigns.get(ctx(request), request.params.id),
  });
  app.get('/assignments', {
    schema: { tags, summary: 'Мои задания', response: { 200: Type.Array(Type.Object({ ...AssignmentResponse.properties, campaignTitle: Type.String(), audience: Type.String(), periodLabel: Type.String() })) } },
    config: { access: READERS },
    handler: (request) => campaigns.myAssignments(ctx(request)),
  });
  app.patch('/assignments/:id', {
    schema: { tags, summary: 'Изменить ожидаемое число респондентов', params: IdParams, body: ExpectedBody, response: { 200: AssignmentResponse } },
    config: { access: MANAGERS },
    handler: (request) => campaigns.setExpected(ctx(request), request.params.id, request.body.expected),
  });
};
