// The access matrix: every /api route the app registered × every kind of caller × (where the
// route reaches a unit's resource) the caller's own unit, a sibling school and another
// municipality. The table below is the expected rule of each route; a route missing from it,
// or a rule naming a route that is gone, fails the suite, so no route goes unreviewed.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../scripts/demo-data.ts';
import { databaseState } from '../../helpers/db-state.ts';
import { customSurvey } from '../../helpers/forms.ts';
import { registeredRoutes, routeKey } from '../../helpers/routes.ts';
import { CALLERS, SELF_REPORT, securityFixtures, type Caller, type Role, type SecurityFixtures } from '../../helpers/security-fixtures.ts';
import { createTestApp } from '../../helpers/test-app.ts';

const t = await createTestApp({}, { now: '2026-11-24T09:00:00Z' });
const f = await securityFixtures(t);
// the accounts the user-administration routes act on: a coordinator in each unit, never one of the callers
const coordinatorAt = async (unit: string, organisationId: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: f.headersOf('admin'), payload: { email: `matrix-${unit}@access.demo`, name: 'Координатор (проверка доступа)', role: 'coordinator', organisationId } });
  return res.json().id as string;
};
const targetUsers = { own: await coordinatorAt('own', f.org.sosh1.id), sibling: await coordinatorAt('sibling', f.org.gym.id), foreign: await coordinatorAt('foreign', f.org.kalarskySosh1.id) };
// a session of its own for the logout probe, which ends whatever session it is sent with
const spare = await t.login('viewer@saratov.demo');

type Unit = 'own' | 'sibling' | 'foreign';
// headers: instead of the caller's (logout must not end the session the other cases use)
type Probe = { params?: Record<string, string>; query?: string; payload?: unknown; headers?: Record<string, string> };
type Rule = {
  access: 'public' | readonly Role[];
  /** the request, for a route that reaches no unit's resource */
  call?: (f: SecurityFixtures) => Probe;
  /** the request per unit: own = kalininsky-sosh1's, sibling = kalininsky-gym's, foreign = kalarsky's */
  units?: Partial<Record<Unit, (f: SecurityFixtures) => Probe>>;
  /** how an out-of-scope resource is refused, when it is not a 404 */
  outOfScope?: { status: number; code: string };
};

const READERS = ['admin', 'analyst', 'coordinator', 'viewer'] as const;
const MANAGERS = ['admin', 'analyst'] as const;

let serial = 0;
const next = () => `${Date.now().toString(36)}-${++serial}`;
const tableQuery = (unitId: string) => `catalogue=kalininsky&period=${encodeURIComponent('2026/27')}&unitId=${unitId}`;
const newCampaign = (formVersionId: string, unitId: string) => ({
  formVersionId, title: 'Проверка доступа', audience: 'parents', units: [unitId], expected: { [unitId]: 5 },
  period: { kind: 'school_year', label: '2026/27', start: '2026-09-01', end: '2027-08-31' }, opensAt: '2026-11-01T00:00:00Z', deadline: '2026-12-01T23:59',
});
const newSchedule = (formVersionId: string, unitId: string) => ({
  formVersionId, title: 'Ежеквартальный опрос (проверка доступа)', audience: 'parents', periodKind: 'quarter',
  opensDaysBeforeEnd: 5, dueDaysAfterEnd: 5, dueTime: '23:59', units: [unitId],
});
const byAssignment = (payload?: () => unknown): Rule['units'] => ({
  own: (f) => ({ params: { id: f.assignments.own.id }, payload: payload?.() }),
  sibling: (f) => ({ params: { id: f.assignments.sibling.id }, payload: payload?.() }),
  foreign: (f) => ({ params: { id: f.assignments.foreign.id }, payload: payload?.() }),
});
// the same three schools' assignments in the parent survey, which have a public link
const bySurveyAssignment = (payload?: () => unknown): Rule['units'] => ({
  own: (f) => ({ params: { id: f.surveyAssignments.own.id }, payload: payload?.() }),
  sibling: (f) => ({ params: { id: f.surveyAssignments.sibling.id }, payload: payload?.() }),
  foreign: (f) => ({ params: { id: f.surveyAssignments.foreign.id }, payload: payload?.() }),
});
const byCampaign: Rule['units'] = {
  own: (f) => ({ params: { id: f.campaigns.selfReport.id } }),
  // Kalininsky's kindergarten survey: same municipality, but not the coordinator's school
  sibling: (f) => ({ params: { id: f.campaigns.ownSurvey.id } }),
  foreign: (f) => ({ params: { id: f.campaigns.foreignSurvey.id } }),
};
const withQuery = (units: Rule['units'], query: string): Rule['units'] =>
  Object.fromEntries(Object.entries(units!).map(([unit, probe]) => [unit, (f: SecurityFixtures) => ({ ...probe(f), query })]));
const valuesFile = (institution: string) => ({
  fileName: 'values.csv', format: 'csv', content: `код ОО;переменная;период;начало периода;значение\n${institution};pupils_5_18;2025/26;2025-09-01;400\n`,
});
const byUser = (payload?: unknown): Rule['units'] => ({
  own: () => ({ params: { id: targetUsers.own }, payload }),
  sibling: () => ({ params: { id: targetUsers.sibling }, payload }),
  foreign: () => ({ params: { id: targetUsers.foreign }, payload }),
});
const byCatalogue: Rule['units'] = { own: () => ({ params: { code: 'kalininsky' } }), foreign: () => ({ params: { code: 'kalarsky' } }) };

const RULES: Record<string, Rule> = {
  'GET /api/health': { access: 'public', call: () => ({}) },

  'POST /api/auth/login': { access: 'public', call: () => ({ payload: { email: 'analyst@kalarsky.demo', password: DEMO_PASSWORD } }) },
  'POST /api/auth/token': { access: 'public', call: () => ({ payload: { email: 'analyst@kalarsky.demo', password: DEMO_PASSWORD } }) },
  'POST /api/auth/logout': { access: 'public', call: () => ({ headers: spare.headers }) },
  // the right current password and a too short new one: checked, refused on its merits, nothing changed
  'POST /api/auth/password': { access: READERS, call: () => ({ payload: { currentPassword: DEMO_PASSWORD, newPassword: 'short' } }) },
  'POST /api/auth/password-reset': { access: 'public', call: () => ({ payload: { email: 'nobody@nowhere.demo' } }) },
  'POST /api/auth/password-reset/confirm': { access: 'public', call: () => ({ payload: { token: 'not-a-valid-reset-token', newPassword: 'long-enough-password' } }) },
  'GET /api/auth/me': { access: READERS, call: () => ({}) },

  'GET /api/organisations': { access: READERS, call: () => ({}) },
  'POST /api/organisations': {
    access: MANAGERS,
    units: {
      own: (f) => ({ payload: { parentId: f.org.kalininsky.id, code: `sec-${next()}`, name: 'Школа (проверка доступа)', kind: 'school' } }),
      foreign: (f) => ({ payload: { parentId: f.org.kalarsky.id, code: `sec-${next()}`, name: 'Школа (проверка доступа)', kind: 'school' } }),
    },
  },
  'POST /api/organisations/import': {
    access: MANAGERS,
    units: {
      own: (f) => ({ payload: { municipalityId: f.org.kalininsky.id, csv: `code,name,kind\nsec-${next()},Школа из файла,school\n` } }),
      foreign: (f) => ({ payload: { municipalityId: f.org.kalarsky.id, csv: `code,name,kind\nsec-${next()},Школа из файла,school\n` } }),
    },
  },
  'GET /api/organisations/:id': {
    access: READERS,
    units: {
      own: (f) => ({ params: { id: f.org.sosh1.id } }),
      sibling: (f) => ({ params: { id: f.org.gym.id } }),
      foreign: (f) => ({ params: { id: f.org.kalarskySosh1.id } }),
    },
  },
  'PATCH /api/organisations/:id': {
    access: MANAGERS,
    units: {
      own: (f) => ({ params: { id: f.org.sosh1.id }, payload: { shortName: 'СОШ № 1' } }),
      sibling: (f) => ({ params: { id: f.org.gym.id }, payload: { shortName: 'Гимназия' } }),
      foreign: (f) => ({ params: { id: f.org.kalarskySosh1.id }, payload: { shortName: 'СОШ № 1 (Чара)' } }),
    },
  },

  'GET /api/users': { access: MANAGERS, call: () => ({}) },
  'POST /api/users': {
    access: MANAGERS,
    units: {
      own: (f) => ({ payload: { email: `sec-${next()}@kalininsky.demo`, name: 'Координатор', password: 'long-enough-1', role: 'coordinator', organisationId: f.org.gym.id } }),
      foreign: (f) => ({ payload: { email: `sec-${next()}@kalarsky.demo`, name: 'Координатор', password: 'long-enough-1', role: 'coordinator', organisationId: f.org.kalarskyGym.id } }),
    },
  },
  'PATCH /api/users/:id': { access: MANAGERS, units: byUser({ name: 'Координатор (переименован)' }) },
  'POST /api/users/:id/deactivate': { access: MANAGERS, units: byUser() },
  'POST /api/users/:id/reactivate': { access: MANAGERS, units: byUser() },
  'POST /api/users/:id/reset-password': { access: MANAGERS, units: byUser() },
  'GET /api/audit': { access: MANAGERS, call: () => ({}) },

  'GET /api/catalogues': { access: READERS, call: () => ({}) },
  'GET /api/catalogues/:code': { access: READERS, units: byCatalogue },
  'GET /api/catalogues/:code/versions': { access: READERS, units: byCatalogue },
  'GET /api/indicators': { access: READERS, call: () => ({ query: 'q=обучающихся' }) },
  'GET /api/variables': { access: READERS, call: () => ({ query: 'q=pupils' }) },

  'POST /api/forms/generate': {
    access: MANAGERS,
    units: {
      own: () => ({ payload: { kind: 'self_report', catalogue: 'kalininsky', indicators: ['TAL-1'] } }),
      foreign: () => ({ payload: { kind: 'self_report', catalogue: 'kalarsky', indicators: ['4.1.1'] } }),
    },
  },
  'GET /api/forms': { access: READERS, call: () => ({}) },
  'POST /api/forms': {
    access: MANAGERS,
    units: {
      own: (f) => ({ payload: { ...customSurvey, ownerId: f.org.kalininsky.id } }),
      foreign: (f) => ({ payload: { ...customSurvey, ownerId: f.org.kalarsky.id } }),
    },
  },
  'GET /api/forms/:id': {
    access: READERS,
    units: { own: (f) => ({ params: { id: f.forms.ownFormId } }), foreign: (f) => ({ params: { id: f.forms.foreignFormId } }) },
  },
  'POST /api/forms/:id/versions': {
    access: MANAGERS,
    units: {
      own: (f) => ({ params: { id: f.forms.ownFormId }, payload: { json: customSurvey.json, mapping: customSurvey.mapping } }),
      foreign: (f) => ({ params: { id: f.forms.foreignFormId }, payload: { json: customSurvey.json, mapping: customSurvey.mapping } }),
    },
  },
  'GET /api/form-versions/:id': {
    access: READERS,
    units: { own: (f) => ({ params: { id: f.forms.ownVersionId } }), foreign: (f) => ({ params: { id: f.forms.foreignVersionId } }) },
  },

  'GET /api/campaigns': { access: READERS, call: () => ({}) },
  'POST /api/campaigns': {
    access: MANAGERS,
    units: {
      own: (f) => ({ payload: newCampaign(f.forms.ownVersionId, f.org.dou1.id) }),
      foreign: (f) => ({ payload: newCampaign(f.forms.foreignVersionId, f.org.kalarskyDou1.id) }),
    },
  },
  'GET /api/schedules': { access: MANAGERS, call: () => ({}) },
  'POST /api/schedules': {
    access: MANAGERS,
    units: {
      own: (f) => ({ payload: newSchedule(f.forms.ownVersionId, f.org.dou1.id) }),
      foreign: (f) => ({ payload: newSchedule(f.forms.foreignVersionId, f.org.kalarskyDou1.id) }),
    },
  },
  'GET /api/campaigns/:id': { access: READERS, units: byCampaign },
  'GET /api/campaigns/:id/rates': { access: READERS, units: byCampaign },
  'GET /api/indicator-table': {
    access: READERS,
    units: {
      own: (f) => ({ query: tableQuery(f.org.sosh1.id) }),
      sibling: (f) => ({ query: tableQuery(f.org.gym.id) }),
      foreign: (f) => ({ query: tableQuery(f.org.kalarskySosh1.id) }),
    },
  },
  'GET /api/periods': { access: READERS, call: () => ({}) },

  'GET /api/exports/indicators': {
    access: READERS,
    units: {
      own: (f) => ({ query: `${tableQuery(f.org.sosh1.id)}&format=csv` }),
      sibling: (f) => ({ query: `${tableQuery(f.org.gym.id)}&format=csv` }),
      foreign: (f) => ({ query: `${tableQuery(f.org.kalarskySosh1.id)}&format=xlsx` }),
    },
  },
  'GET /api/exports/campaigns/:id/rates': { access: READERS, units: withQuery(byCampaign, 'format=csv') },
  'GET /api/exports/campaigns/:id/responses': { access: ['admin', 'analyst', 'viewer'], units: withQuery(byCampaign, 'format=xlsx') },
  'POST /api/imports/values': {
    access: MANAGERS,
    units: { own: () => ({ payload: valuesFile('kalininsky-sosh1') }), foreign: () => ({ payload: valuesFile('kalarsky-sosh1') }) },
    // a file is judged row by row: another territory's school is a bad row ("not found in your territory")
    outOfScope: { status: 422, code: 'import.invalid' },
  },

  'GET /api/assignments': { access: READERS, call: () => ({}) },
  'PATCH /api/assignments/:id': { access: MANAGERS, units: byAssignment(() => ({ expected: 1 })) },
  'GET /api/assignments/:id/report': { access: READERS, units: byAssignment() },
  'PUT /api/assignments/:id/draft': { access: ['coordinator'], units: byAssignment(() => ({ data: { pupils_5_18: 400 } })) },
  'POST /api/assignments/:id/submit': { access: ['coordinator'], units: byAssignment(() => ({ data: SELF_REPORT })) },
  'POST /api/assignments/:id/return': { access: MANAGERS, units: byAssignment(() => ({ comment: 'Проверьте численность' })) },
  'POST /api/assignments/:id/accept': { access: MANAGERS, units: byAssignment() },
  'POST /api/assignments/:id/reopen': { access: MANAGERS, units: byAssignment(() => ({ until: '2026-12-20T18:00' })) },
  'GET /api/assignments/:id/qr.svg': { access: READERS, units: bySurveyAssignment() },
  'GET /api/assignments/:id/qr.png': { access: READERS, units: bySurveyAssignment() },
  'GET /api/assignments/:id/qr-sheet': { access: READERS, units: bySurveyAssignment() },

  'GET /api/mails': { access: MANAGERS, call: () => ({}) },
  'POST /api/campaigns/:id/remind': { access: MANAGERS, units: byCampaign },
  'POST /api/assignments/:id/invitations': {
    access: ['admin', 'analyst', 'coordinator'],
    units: bySurveyAssignment(() => ({ emails: [`parent-${next()}@example.ru`] })),
  },

  // public links take no caller: the code is the whole key, whoever sends it
  'GET /api/public/s/:code': { access: 'public', call: (f) => ({ params: { code: f.codes.own } }) },
  'POST /api/public/s/:code/start': { access: 'public', call: (f) => ({ params: { code: f.codes.own } }) },
  'POST /api/public/s/:code/responses': { access: 'public', call: (f) => ({ params: { code: f.codes.own }, payload: { id: randomUUID(), data: { q_sat: 5 } } }) },
  'GET /api/public/unsubscribe': { access: 'public', call: (f) => ({ query: `t=${f.invitationToken}` }) },
  'POST /api/public/unsubscribe': { access: 'public', call: (f) => ({ payload: { t: f.invitationToken } }) },
};

type Outcome = 'allowed' | 401 | 403 | 404 | 'out of scope';

function expectedOutcome(rule: Rule, caller: Caller, unit: Unit | null): Outcome {
  if (rule.access === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (!rule.access.includes(caller)) return 403;
  // out of scope reads as not found; the admin's scope is the whole tree
  const outside = (unit === 'foreign' && caller !== 'admin') || (unit === 'sibling' && caller === 'coordinator');
  if (outside) return rule.outOfScope ? 'out of scope' : 404;
  return 'allowed';
}

const CALLER_NAMES: Record<Caller, string> = {
  admin: 'the administrator', analyst: "Kalininsky's analyst", coordinator: "kalininsky-sosh1's coordinator", viewer: "Saratov's viewer", anonymous: 'an anonymous caller',
};
const UNIT_NAMES: Record<Unit, string> = {
  own: 'the own unit (kalininsky-sosh1 or its Kalininsky)', sibling: 'a sibling school (kalininsky-gym)', foreign: "another region's municipality (Kalarsky)",
};
const OUTCOME_NAMES: Record<Outcome, string> = {
  allowed: 'is let through', 401: 'is refused with 401', 403: 'is refused with 403', 404: 'gets 404 (out of scope reads as not found)', 'out of scope': 'is refused as out of scope',
};
const ERROR_CODES: Record<401 | 403 | 404, RegExp> = { 401: /^auth\.required$/, 403: /^auth\.forbidden$/, 404: /^[a-z_]+\.not_found$/ };

const cases = Object.entries(RULES).flatMap(([key, rule]) =>
  CALLERS.flatMap((caller) =>
    (rule.units ? (Object.keys(rule.units) as Unit[]) : [null]).map((unit) => {
      const expected = expectedOutcome(rule, caller, unit);
      const on = unit ? ` on ${UNIT_NAMES[unit]}` : '';
      return { key, rule, caller, unit, expected, name: `${key}: ${CALLER_NAMES[caller]}${on} ${OUTCOME_NAMES[expected]}` };
    }),
  ),
);

function requestOf(key: string, probe: Probe) {
  const [method, template] = key.split(' ');
  const path = template.replace(/:(\w+)/g, (_, name: string) => {
    const value = probe.params?.[name];
    if (value === undefined) throw new Error(`${key}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  return { method: method as 'GET', url: probe.query ? `${path}?${probe.query}` : path, payload: probe.payload as object | undefined };
}

// the docs UI sits under /api but is exempt from config.access by the auth plugin, as here
const isApiRoute = (url: string) => (url === '/api' || url.startsWith('/api/')) && !url.startsWith('/api/docs');
const registered = registeredRoutes(t.app);
const apiRoutes = registered.filter((r) => isApiRoute(r.url) && r.method !== 'HEAD');

describe('the access table covers exactly the routes the app registered', () => {
  it('every registered /api route has a rule in the table (a new route without a rule fails here)', () => {
    const missing = apiRoutes.map(routeKey).filter((key) => !(key in RULES));
    expect(missing).toEqual([]);
    expect(apiRoutes.length).toBeGreaterThan(30);
  });

  it('every rule in the table names a route the app still has', () => {
    const present = new Set(apiRoutes.map(routeKey));
    expect(Object.keys(RULES).filter((key) => !present.has(key))).toEqual([]);
  });

  it('HEAD exists only as the automatic twin of a GET', () => {
    const gets = new Set(registered.filter((r) => r.method === 'GET').map((r) => r.url));
    expect(registered.filter((r) => r.method === 'HEAD' && !gets.has(r.url)).map(routeKey)).toEqual([]);
  });

  it('the route list read from the router agrees with the OpenAPI document', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, unknown>>;
    const documented = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1').replace(/(.)\/$/, '$1')}`),
    );
    expect([...new Set(documented.filter((k) => !k.startsWith('HEAD ')))].sort()).toEqual(apiRoutes.map(routeKey).sort());
  });

  it('the API documentation itself is public', async () => {
    expect((await t.app.inject({ url: '/api/docs/json' })).statusCode).toBe(200);
  });
});

describe('every route × caller × unit gets the answer its rule gives, and a refused write changes nothing', () => {
  for (const { name, key, rule, caller, unit, expected } of cases) it(name, async () => {
    const probe = unit ? rule.units![unit]!(f) : rule.call!(f);
    const request = requestOf(key, probe);
    // a refused write must leave every table as it was
    const before = expected !== 'allowed' && request.method !== 'GET' ? await databaseState(t.db) : null;
    const res = await t.app.inject({ ...request, headers: probe.headers ?? f.headersOf(caller) });
    const body = res.statusCode >= 400 ? res.json() : null;
    if (before) expect(await databaseState(t.db)).toEqual(before);
    if (expected === 'allowed') {
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect([401, 403, 404], res.body).not.toContain(res.statusCode);
      // a read the caller may make succeeds outright; a write may still be refused on its merits
      if (key.startsWith('GET ')) expect(res.statusCode, res.body).toBe(200);
      else if (res.statusCode >= 400) expect([400, 409, 410, 422], res.body).toContain(res.statusCode);
    } else if (expected === 'out of scope') {
      expect(res.statusCode, res.body).toBe(rule.outOfScope!.status);
      expect(body.error.code).toBe(rule.outOfScope!.code);
    } else {
      expect(res.statusCode, res.body).toBe(expected);
      expect(body.error.code).toMatch(ERROR_CODES[expected]);
    }
    if (res.statusCode >= 400) expect(body.error.message).toEqual(expect.stringMatching(/\S/));
  });
});
