import { describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { organisationsTable } from '../../../drizzle/schema/index.ts';
import { createTestApp } from '../../helpers/test-app.ts';

const t = await createTestApp();
const analyst = await t.login('analyst@kalininsky.demo');
const coordinator = await t.login('school@kalininsky.demo');
const viewer = await t.login('viewer@saratov.demo');
const admin = await t.login('admin@demo.local');
const codes = (list: { code: string }[]) => list.map((o) => o.code).sort();

describe('reading the tree is scoped to the caller\'s subtree', () => {
  it('a school coordinator sees only the own school', async () => {
    const res = await t.app.inject({ url: '/api/organisations', headers: coordinator.headers });
    expect(res.statusCode).toBe(200);
    expect(codes(res.json())).toEqual(['kalininsky-sosh1']);
  });

  it('an analyst sees the own municipality and its institutions, nothing else', async () => {
    const list = (await t.app.inject({ url: '/api/organisations', headers: analyst.headers })).json();
    expect(list).toHaveLength(6);
    expect(list.every((o: { code: string }) => o.code.startsWith('kalininsky'))).toBe(true);
  });

  it('a regional viewer sees both Saratov municipalities but not Perm', async () => {
    const list = codes((await t.app.inject({ url: '/api/organisations?level=municipality', headers: viewer.headers })).json());
    expect(list).toEqual(['kalininsky', 'novouzensky']);
  });

  it('filters by kind and settlement', async () => {
    const list = (await t.app.inject({ url: '/api/organisations?kind=school&settlement=rural', headers: admin.headers })).json();
    expect(list).toHaveLength(5);
    expect(list.every((o: { kind: string; settlement: string }) => o.kind === 'school' && o.settlement === 'rural')).toBe(true);
  });

  it('a coordinator of school A gets 404 for school B', async () => {
    const other = await t.org('kalininsky-gym');
    const res = await t.app.inject({ url: `/api/organisations/${other.id}`, headers: coordinator.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('organisation.not_found');
  });

  it('an analyst of municipality X gets 404 for municipality Y and its schools', async () => {
    for (const code of ['kalarsky', 'kalarsky-sosh1', 'saratov']) {
      const org = await t.org(code);
      const res = await t.app.inject({ url: `/api/organisations/${org.id}`, headers: analyst.headers });
      expect(res.statusCode, code).toBe(404);
    }
  });
});

describe('editing the tree', () => {
  it('an analyst adds an institution to the own municipality', async () => {
    const mun = await t.org('kalininsky');
    const res = await t.app.inject({
      method: 'POST', url: '/api/organisations', headers: analyst.headers,
      payload: { parentId: mun.id, code: 'kalininsky-sosh2', name: 'МОУ «СОШ № 2 г. Калининска»', kind: 'school', type: 'sosh', settlement: 'urban' },
    });
    expect(res.statusCode).toBe(201);
    const [row] = await t.db.select().from(organisationsTable).where(eq(organisationsTable.code, 'kalininsky-sosh2'));
    expect(row).toMatchObject({ level: 'institution', parentId: mun.id, path: `${mun.path}${row.id}/` });
  });

  it('an analyst cannot add to another municipality (404) nor create a municipality (403)', async () => {
    const other = await t.org('kalarsky');
    const res = await t.app.inject({
      method: 'POST', url: '/api/organisations', headers: analyst.headers,
      payload: { parentId: other.id, code: 'kalarsky-x', name: 'Чужая школа', kind: 'school' },
    });
    expect(res.statusCode).toBe(404);
    const region = await t.org('saratov');
    const asAdminOnly = await t.app.inject({
      method: 'POST', url: '/api/organisations', headers: analyst.headers,
      payload: { parentId: region.id, code: 'new-mun', name: 'Новый район', timeZone: 'Europe/Saratov' },
    });
    expect([403, 404]).toContain(asAdminOnly.statusCode);
    expect((await t.db.select().from(organisationsTable).where(eq(organisationsTable.code, 'kalarsky-x')))).toHaveLength(0);
  });

  it('a coordinator and a viewer cannot write (403)', async () => {
    const mun = await t.org('kalininsky');
    for (const who of [coordinator, viewer]) {
      const res = await t.app.inject({
        method: 'POST', url: '/api/organisations', headers: who.headers,
        payload: { parentId: mun.id, code: 'x-1', name: 'X', kind: 'school' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
    }
  });

  it('an administrator creates a municipality only with a valid IANA time zone', async () => {
    const region = await t.org('saratov');
    const bad = await t.app.inject({
      method: 'POST', url: '/api/organisations', headers: admin.headers,
      payload: { parentId: region.id, code: 'balashovsky', name: 'Балашовский МР', timeZone: 'Europe/Atlantis' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0].field).toBe('timeZone');
    const good = await t.app.inject({
      method: 'POST', url: '/api/organisations', headers: admin.headers,
      payload: { parentId: region.id, code: 'balashovsky', name: 'Балашовский МР', timeZone: 'Europe/Saratov' },
    });
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ level: 'municipality', timeZone: 'Europe/Saratov' });
  });

  it('a taken code is a 409', async () => {
    const mun = await t.org('kalininsky');
    const res = await t.app.inject({
      method: 'POST', url: '/api/organisations', headers: analyst.headers,
      payload: { parentId: mun.id, code: 'kalininsky-gym', name: 'Дубль', kind: 'school' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('organisation.code_taken');
  });

  it('an analyst renames an own institution but not another municipality\'s', async () => {
    const own = await t.org('kalininsky-oosh');
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/organisations/${own.id}`, headers: analyst.headers, payload: { name: 'МОУ «ООШ с. Казачка» (переименована)' } });
    expect(ok.statusCode).toBe(200);
    const other = await t.org('kalarsky-oosh');
    const refused = await t.app.inject({ method: 'PATCH', url: `/api/organisations/${other.id}`, headers: analyst.headers, payload: { name: 'Взлом' } });
    expect(refused.statusCode).toBe(404);
    expect((await t.org('kalarsky-oosh')).name).toBe(other.name);
  });
});

describe('CSV import of institutions', () => {
  const importCsv = async (csv: string, municipality = 'novouzensky', who = admin) =>
    t.app.inject({ method: 'POST', url: '/api/organisations/import', headers: who.headers, payload: { municipalityId: (await t.org(municipality)).id, csv } });
  const institutionsOf = async (code: string) => {
    const mun = await t.org(code);
    const [{ n }] = await t.db.select({ n: count() }).from(organisationsTable).where(eq(organisationsTable.parentId, mun.id));
    return n;
  };

  it('a file with bad rows imports nothing and names each bad row', async () => {
    const before = await institutionsOf('novouzensky');
    const csv = [
      'код;наименование;вид;тип;местность',
      'nu-sosh2;МОУ «СОШ № 2 г. Новоузенска»;ОО;СОШ;городская',
      'nu-bad;;ОО;СОШ;городская',
      'nu-dou2;МДОУ «Детский сад № 2»;детский ясли;;городская',
      'nu-sosh2;Дубль кода;ОО;;сельская',
      'nu-x;Школа;ОО;лицей;горная',
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe('organisation.import_invalid');
    const fields = body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(['строка 3: name', 'строка 4: kind', 'строка 5: code', 'строка 6: settlement']);
    expect(await institutionsOf('novouzensky')).toBe(before);
  });

  it('a good file imports every row under the municipality', async () => {
    const before = await institutionsOf('novouzensky');
    const csv = 'code,name,kind,type,settlement\nnu-sosh3,"МОУ ""СОШ № 3""",school,sosh,urban\nnu-dou3,МДОУ «Детский сад № 3»,ДОО,,rural\n';
    const res = await importCsv(csv);
    expect(res.statusCode).toBe(201);
    expect(res.json().imported).toBe(2);
    expect(await institutionsOf('novouzensky')).toBe(before + 2);
    expect((await t.org('nu-dou3'))).toMatchObject({ kind: 'kindergarten', type: 'dou', settlement: 'rural' });
    expect((await t.org('nu-sosh3')).name).toBe('МОУ "СОШ № 3"');
  });

  it('codes already in the database fail the whole file', async () => {
    const res = await importCsv('code;name;kind\nnu-sosh4;Новая;ОО\nkalininsky-gym;Чужой код;ОО');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'строка 3: code' })]);
    expect(await t.db.select().from(organisationsTable).where(eq(organisationsTable.code, 'nu-sosh4'))).toHaveLength(0);
  });

  it('an analyst cannot import into another municipality', async () => {
    const res = await importCsv('code;name;kind\nzz-1;Школа;ОО', 'kalarsky', analyst);
    expect(res.statusCode).toBe(404);
  });
});

describe('changes to the tree are audited', () => {
  it('a created, renamed and imported institution each leave who, when and what in the audit log, in the municipality', async () => {
    const { auditLogTable } = await import('../../../drizzle/schema/index.ts');
    const kalininsky = await t.org('kalininsky');
    const created = await t.app.inject({ method: 'POST', url: '/api/organisations', headers: analyst.headers, payload: { parentId: kalininsky.id, code: 'kalininsky-audit-1', name: 'МОУ «СОШ для журнала»', kind: 'school' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await t.app.inject({ method: 'PATCH', url: `/api/organisations/${id}`, headers: analyst.headers, payload: { name: 'МОУ «СОШ для журнала» (новое имя)' } })).statusCode).toBe(200);
    const rows = await t.db.select().from(auditLogTable).where(eq(auditLogTable.organisationId, id));
    const me = (await t.app.inject({ url: '/api/auth/me', headers: analyst.headers })).json();
    expect(rows.map((r) => r.action).sort()).toEqual(['organisation.create', 'organisation.update']);
    expect(rows.every((r) => r.actorId === me.id)).toBe(true);
    expect(rows.find((r) => r.action === 'organisation.update')!.details).toEqual({ changes: { name: { old: 'МОУ «СОШ для журнала»', new: 'МОУ «СОШ для журнала» (новое имя)' } } });
  });
});
