import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.client.ts';
import type { Clock } from '../shared/clock.ts';
import { AssignmentResponse, CampaignDetail, CampaignResponse, CreateCampaignBody, ExpectedBody, IdParams } from './campaigns.schemas.ts';
import * as campaigns from './campaigns.service.ts';
import { PRINT_SCRIPT, qrPng, qrSheet, qrSvg } from './qr.service.ts';
import { policyAllowingScript } from '../web/security.headers.ts';
import { CreateScheduleBody } from './schedules.schemas.ts';
import * as schedules from './schedules.service.ts';

const READERS = ['admin', 'analyst', 'coordinator', 'viewer'] as const;
const MANAGERS = ['admin', 'analyst'] as const;
const tags = ['campaigns'];

export const campaignRoutes: FastifyPluginAsyncTypebox<{ db: Db; clock: Clock; publicUrl: string }> = async (app, { db, clock, publicUrl }) => {
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
  app.get('/schedules', {
    schema: { tags, summary: 'Регулярные сборы' },
    config: { access: MANAGERS },
    handler: (request) => schedules.list(ctx(request)),
  });
  app.post('/schedules', {
    schema: { tags, summary: 'Регулярный сбор: кампании каждого периода открываются сами', body: CreateScheduleBody },
    config: { access: MANAGERS },
    handler: async (request, reply) => reply.status(201).send(await schedules.create(ctx(request), request.body)),
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
  app.get('/assignments/:id/qr.svg', {
    schema: { tags, summary: 'QR-код ссылки для родителей (SVG)', params: IdParams },
    config: { access: READERS },
    handler: async (request, reply) => reply.type('image/svg+xml').send(await qrSvg(ctx(request), request.params.id, publicUrl)),
  });
  app.get('/assignments/:id/qr.png', {
    schema: { tags, summary: 'QR-код ссылки для родителей (PNG)', params: IdParams },
    config: { access: READERS },
    handler: async (request, reply) => reply.type('image/png').send(await qrPng(ctx(request), request.params.id, publicUrl)),
  });
  app.get('/assignments/:id/qr-sheet', {
    schema: { tags, summary: 'Лист A4 с QR-кодами для печати (по классам: ?classes=5А,5Б)', params: IdParams, querystring: Type.Object({ classes: Type.Optional(Type.String({ maxLength: 500 })), noprint: Type.Optional(Type.String({ maxLength: 5 })) }, { additionalProperties: false }) },
    config: { access: READERS },
    handler: async (request, reply) => {
      const classes = (request.query.classes ?? '').split(',').map((c) => c.trim()).filter(Boolean).slice(0, 40);
      const page = await qrSheet(ctx(request), request.params.id, publicUrl, classes);
      return reply.type('text/html; charset=utf-8').header('content-security-policy', policyAllowingScript({ https: publicUrl.startsWith('https:') }, PRINT_SCRIPT)).send(page);
    },
  });
};
