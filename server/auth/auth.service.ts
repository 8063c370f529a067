import { AppError } from '../shared/errors.ts';
import type { Db } from '../db/db.client.ts';
import { verifyPassword } from './auth.passwords.ts';
import { findUserWithOrganisation, touchLastLogin } from './auth.queries.ts';
import type { LoginBody, Scope } from './auth.schemas.ts';

type CallerRow = NonNullable<Awaited<ReturnType<typeof findUserWithOrganisation>>>;

export function publicCaller(row: CallerRow) {
  const { id, email, name, role, organisation } = row;
  return { id, email, name, role, organisation: { id: organisation.id, name: organisation.name, level: organisation.level } };
}

export function scopeOf(row: CallerRow): Scope {
  return { userId: row.id, role: row.role, organisationId: row.organisation.id, path: row.organisation.path };
}

export async function login({ db, email, password }: { db: Db } & LoginBody) {
  const row = await findUserWithOrganisation(db, { email });
  const ok = await verifyPassword(row?.passwordHash, password);
  if (!row || !ok) throw new AppError(401, 'auth.invalid_credentials', 'Неверный адрес почты или пароль');
  await touchLastLogin(db, row.id);
  return row;
}

export async function loadCaller(db: Db, userId: string) {
  const row = await findUserWithOrganisation(db, { id: userId });
  if (!row) throw new AppError(401, 'auth.invalid_token', 'Сеанс недействителен, войдите снова');
  return row;
}
