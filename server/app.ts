// The application, as a table of contents: shared plugins, then each capability with its
// prefix. Only server/main.ts listens; the tests build this same app over their own database.
import fastifyCompress from '@fastify/compress';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { registerAjvFormats, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/db.client.ts';
import { authPlugin } from './auth/auth.plugin.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { catalogueRoutes } from './catalogues/catalogues.routes.ts';
import { formRoutes } from './forms/forms.routes.ts';
import { aggregationRoutes } from './aggregation/aggregation.routes.ts';
import { exportRoutes } from './exports/exports.routes.ts';
import { importRoutes } from './imports/imports.routes.ts';
import { campaignRoutes } from './campaigns/campaigns.routes.ts';
import { publicRoutes, selfReportRoutes } from './responses/responses.routes.ts';
import { createBatcher } from './responses/submission.batcher.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import { healthRoutes } from './health/health.routes.ts';
import { organisationRoutes } from './organisations/organisations.routes.ts';
import { registerErrorHandler, routerError } from './shared/error-handler.ts';
import { registerInputGuard } from './shared/input-guard.ts';
import { requestLog } from './shared/request-log.ts';
import { validatorCompiler } from './shared/validator.ts';
import { userRoutes } from './users/users.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { registerWeb } from './web/web.routes.ts';
import { registerSecurityHeaders } from './web/security.headers.ts';
import { registerSurveyOrigin } from './web/survey-origin.ts';
import { createMailer, type Mailer } from './reminders/mail.transport.ts';
import { startMailRunner } from './reminders/reminders.runner.ts';
import { reminderRoutes } from './reminders/reminders.routes.ts';

registerAjvFormats();

// runJobs: the mail loop runs in a serving process (main.ts), not in tests that drive it by hand
export type AppDeps = { config: Config; database: Database; clock?: Clock; webDir?: string; mailer?: Mailer; runJobs?: boolean };

export async function buildApp({ config, database, clock = systemClock, webDir, mailer = createMailer(config), runJobs = false }: AppDeps) {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // tokens and passwords never reach the log
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'body.password', 'password', 'token'],
      serializers: { req: requestLog },
    },
    bodyLimit: 1024 * 1024,
    // proto pollution through JSON bodies is refused, not merely stripped
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY, never from a client
    trustProxy: config.trustProxy,
    // router-level failures (bad percent-encoding) answer in the API's error shape too
    frameworkErrors: routerError,
  })
    .withTypeProvider<TypeBoxTypeProvider>()
    .setValidatorCompiler(validatorCompiler);

  // JSON and CSV over a rural connection: compressed when the client accepts it
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await registerSecurityHeaders(app, { https: config.publicUrl.startsWith('https:') });
  registerSurveyOrigin(app, config);
  const hasWeb = await registerWeb(app, webDir);
  registerErrorHandler(app, hasWeb);
  registerInputGuard(app);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Мониторинг качества образования — API', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(fastifyRateLimit, { global: false, hook: 'preValidation' });
  await app.register(authPlugin, { db: database.db, secret: config.jwtSecret });

  await app.register(healthRoutes, { prefix: '/api/health', database });
  await app.register(authRoutes, { prefix: '/api/auth', db: database.db, secureCookie: config.publicUrl.startsWith('https:'), jobs: { clock, staffUrl: config.publicUrl, secret: config.jwtSecret } });
  await app.register(organisationRoutes, { prefix: '/api/organisations', db: database.db });
  await app.register(userRoutes, { prefix: '/api/users', db: database.db, jobs: { clock, staffUrl: config.publicUrl, secret: config.jwtSecret } });
  await app.register(auditRoutes, { prefix: '/api/audit', db: database.db });
  await app.register(catalogueRoutes, { prefix: '/api', db: database.db });
  await app.register(formRoutes, { prefix: '/api', db: database.db });
  await app.register(campaignRoutes, { prefix: '/api', db: database.db, clock, publicUrl: config.surveyUrl });
  await app.register(selfReportRoutes, { prefix: '/api/assignments', db: database.db, clock });
  await app.register(publicRoutes, { prefix: '/api/public', db: database.db, clock, batcher: createBatcher(database.db), rateLimit: config.publicRateLimit });
  await app.register(aggregationRoutes, { prefix: '/api', db: database.db, clock });
  await app.register(exportRoutes, { prefix: '/api', db: database.db, clock });
  await app.register(importRoutes, { prefix: '/api', db: database.db });
  const jobs = { db: database.db, clock, publicUrl: config.publicUrl, surveyUrl: config.surveyUrl, secret: config.jwtSecret };
  const runner = runJobs ? startMailRunner({ ...jobs, mailer, log: app.log }) : undefined;
  app.addHook('onClose', async () => runner?.stop());
  await app.register(reminderRoutes, { prefix: '/api', ...jobs, kick: () => runner?.kick() });

  return app;
}
