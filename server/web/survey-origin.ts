// Survey pages on their own origin (SURVEY_URL), apart from the staff app (PUBLIC_URL). A form
// is markup an analyst wrote; even sanitised and under a strict CSP, the page that renders it
// should not share an origin with the staff's session. The session cookie is host-only, so the
// survey host never receives it, and the survey host serves only what respondents need: a staff
// route asked there is not found, and a survey link opened on the staff host is sent over.
import type { FastifyInstance } from 'fastify';

const SURVEY_PATHS = [/^\/s(\/|$)/, /^\/api\/public\//, /^\/api\/health(\/|$)/, /^\/assets\//, /^\/sw\.js$/, /^\/favicon\.svg$/];

export function registerSurveyOrigin(app: FastifyInstance, { publicUrl, surveyUrl }: { publicUrl: string; surveyUrl: string }) {
  const survey = new URL(surveyUrl);
  if (survey.host === new URL(publicUrl).host) return false;
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    const onSurveyHost = request.host === survey.host;
    if (onSurveyHost && !SURVEY_PATHS.some((p) => p.test(path))) {
      return reply.status(404).type('application/json').send({ error: { code: 'route.not_found', message: 'Не найдено' } });
    }
    if (!onSurveyHost && /^\/s\//.test(path) && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.redirect(`${survey.origin}${request.url}`, 301);
    }
  });
  return true;
}
