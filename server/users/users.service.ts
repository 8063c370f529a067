import type { Db } from '../db/db.client.ts';
import type { Scope } from '../auth/auth.schemas.ts';
import { hashPassword } from '../auth/auth.passwords.ts';
import { conflict, forbidden, AppError } from '../shared/errors.ts';
import { get as getOrganisation } from '../organisations/organisations.service.ts';
import { insertUser, listUsers } from './users.queries.ts';
import type { CreateUserBody } from './users.schemas.ts';

type Ctx = { db: Db; scope: Scope };

const serialise = <T extends { lastLoginAt: Date | null }>(u: T) => ({ ...u, lastLoginAt: u.lastLoginAt?.toISOString() ?? null });

export const list = async ({ db, scope }: Ctx) => (await listUsers(db, scope)).map(serialise);

// Which organisation level each role belongs to.
const ROLE_LEVEL = { admin: ['root', 'region'], analyst: ['municipality'], coordinator: ['institution'], viewer: ['region', 'root'] } as const;

export async function create({ db, scope }: Ctx, input: CreateUserBody) {
  // an analyst may add the coordinators of the municipality's institutions, nothing more
  if (scope.role !== 'admin' && input.role !== 'coordinator') throw forbidden('Аналитик может добавлять только координаторов организаций');
  const org = await getOrganisation({ db, scope }, input.organisationId);
  if (!(ROLE_LEVEL[input.role] as readonly string[]).includes(org.level)) {
    throw new AppError(422, 'user.invalid', `Роль ${input.role} не назначается на уровень «${org.level}»`, [{ field: 'organisationId', message: 'неподходящий уровень организации' }]);
  }
  const row = await insertUser(db, {
    email: input.email.toLowerCase(),
    name: input.name,
    role: input.role,
    organisationId: org.id,
    passwordHash: await hashPassword(input.password),
  });
  if (!row) throw conflict('user.email_taken', 'Пользователь с таким адресом уже есть');
  return serialise(row);
}
