// Demo data: the municipalities of the seed documents in their real regions and time zones,
// a handful of invented institutions of every kind in each, and one user of each role.
// Loading is idempotent (by organisation code and user email), so `npm start` may run it on
// every start; it does so only where config.demo says (DEMO_DATA), since the password is public.
import { eq } from 'drizzle-orm';
import { organisationsTable, type Organisation } from '../drizzle/schema/index.ts';
import type { Db } from '../server/db/db.client.ts';
import { hashPassword } from '../server/auth/auth.passwords.ts';
import { ensureOrganisation } from '../server/organisations/organisations.queries.ts';
import { ROOT_ORGANISATION } from '../server/organisations/organisations.rules.ts';
import { insertUser } from '../server/users/users.queries.ts';

type Kind = NonNullable<Organisation['kind']>;
type DemoInstitution = { code: string; name: string; kind: Kind; type: NonNullable<Organisation['type']>; settlement: 'urban' | 'rural' };
type DemoMunicipality = { code: string; name: string; town: string; village: string; institutions?: DemoInstitution[] };

const REGIONS: { code: string; name: string; timeZone: string; municipalities: DemoMunicipality[] }[] = [
  {
    code: 'saratov', name: 'Саратовская область', timeZone: 'Europe/Saratov',
    municipalities: [
      { code: 'kalininsky', name: 'Калининский муниципальный район', town: 'г. Калининска', village: 'с. Казачка' },
      { code: 'novouzensky', name: 'Новоузенский муниципальный район', town: 'г. Новоузенска', village: 'с. Дюрягино' },
    ],
  },
  { code: 'perm', name: 'Пермский край', timeZone: 'Asia/Yekaterinburg', municipalities: [{ code: 'ochersky', name: 'Очёрский городской округ', town: 'г. Очёра', village: 'с. Павловский' }] },
  { code: 'sverdlovsk', name: 'Свердловская область', timeZone: 'Asia/Yekaterinburg', municipalities: [{ code: 'serovsky', name: 'Серовский городской округ', town: 'г. Серова', village: 'п. Красноярка' }] },
  { code: 'zabaykalsky', name: 'Забайкальский край', timeZone: 'Asia/Chita', municipalities: [{ code: 'kalarsky', name: 'Каларский муниципальный округ', town: 'с. Чара', village: 'п. Новая Чара' }] },
];

function institutionsOf(m: DemoMunicipality): DemoInstitution[] {
  return [
    { code: `${m.code}-sosh1`, name: `МОУ «Средняя общеобразовательная школа № 1 ${m.town}»`, kind: 'school', type: 'sosh', settlement: 'urban' },
    { code: `${m.code}-gym`, name: `МОУ «Гимназия ${m.town}»`, kind: 'school', type: 'gymnasium', settlement: 'urban' },
    { code: `${m.code}-oosh`, name: `МОУ «Основная общеобразовательная школа ${m.village}»`, kind: 'school', type: 'oosh', settlement: 'rural' },
    { code: `${m.code}-dou1`, name: `МДОУ «Детский сад № 1 ${m.town}»`, kind: 'kindergarten', type: 'dou', settlement: 'urban' },
    { code: `${m.code}-cdt`, name: `МУ ДО «Центр детского творчества ${m.town}»`, kind: 'supplementary', type: 'udo', settlement: 'urban' },
  ];
}

export const DEMO_PASSWORD = 'demo-2026!';
export const DEMO_USERS = [
  { email: 'admin@demo.local', name: 'Администратор платформы', role: 'admin', organisationCode: 'ru' },
  { email: 'analyst@kalininsky.demo', name: 'Аляева Наталья Викторовна', role: 'analyst', organisationCode: 'kalininsky' },
  { email: 'analyst@kalarsky.demo', name: 'Аналитик Каларского МО', role: 'analyst', organisationCode: 'kalarsky' },
  { email: 'school@kalininsky.demo', name: 'Заместитель директора СОШ № 1', role: 'coordinator', organisationCode: 'kalininsky-sosh1' },
  { email: 'viewer@saratov.demo', name: 'Специалист министерства образования', role: 'viewer', organisationCode: 'saratov' },
].map((u) => ({ ...u, password: DEMO_PASSWORD })) as { email: string; name: string; role: 'admin' | 'analyst' | 'coordinator' | 'viewer'; organisationCode: string; password: string }[];

/** Loads the demo tree and users where missing; returns true when anything was added. */
export async function loadDemoData(db: Db): Promise<boolean> {
  let added = false;
  const track = ([org, created]: [Organisation, boolean]) => ((added ||= created), org);
  const root = track(await ensureOrganisation(db, null, ROOT_ORGANISATION));
  for (const region of REGIONS) {
    const r = track(await ensureOrganisation(db, root, { code: region.code, name: region.name, level: 'region', timeZone: region.timeZone }));
    for (const m of region.municipalities) {
      const mun = track(await ensureOrganisation(db, r, { code: m.code, name: m.name, level: 'municipality', timeZone: region.timeZone }));
      for (const i of m.institutions ?? institutionsOf(m)) {
        track(await ensureOrganisation(db, mun, { ...i, level: 'institution' }));
      }
    }
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const [org] = await db.select().from(organisationsTable).where(eq(organisationsTable.code, u.organisationCode));
    const inserted = await insertUser(db, { email: u.email, name: u.name, role: u.role, organisationId: org.id, passwordHash });
    added ||= inserted !== undefined;
  }
  return added;
}
