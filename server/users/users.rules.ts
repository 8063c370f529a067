// Who may manage whom, in one place: every user action asks these before it writes.
import type { Role, Scope } from '../auth/auth.schemas.ts';
import { AppError, forbidden } from '../shared/errors.ts';

// Which organisation level each role belongs to.
export const ROLE_LEVEL = { admin: ['root', 'region'], analyst: ['municipality'], coordinator: ['institution'], viewer: ['region', 'root'] } as const;

const LEVEL_NAME: Record<string, string> = { root: 'корень', region: 'регион', municipality: 'муниципалитет', institution: 'организация' };
const ROLE_NAME: Record<Role, string> = { admin: 'администратор', analyst: 'аналитик МОУО', coordinator: 'координатор ОО', viewer: 'наблюдатель региона' };

export function assertRoleFitsLevel(role: Role, level: string) {
  if ((ROLE_LEVEL[role] as readonly string[]).includes(level)) return;
  const message = `Роль «${ROLE_NAME[role]}» не назначается на уровень «${LEVEL_NAME[level] ?? level}»`;
  throw new AppError(422, 'user.invalid', message, [{ field: 'organisationId', message: 'неподходящий уровень организации' }]);
}

/** An analyst hands out and manages only the coordinators of the municipality's institutions. */
export function assertMayGrant(scope: Scope, role: Role) {
  if (scope.role !== 'admin' && role !== 'coordinator') throw forbidden('Аналитик может назначать только роль координатора организации');
}

export type UserAction = 'update' | 'deactivate' | 'reactivate' | 'reset';

const selfAction = (message: string) => new AppError(403, 'user.self_action', message);

/**
 * May the caller act on this user? The user is already known to be in the caller's subtree
 * (outside it they read as not found). `change` is the role and organisation after an update.
 */
export function assertMayManage(scope: Scope, target: { id: string; role: Role; organisationId: string }, action: UserAction, change?: { role: Role; organisationId: string }) {
  if (scope.role !== 'admin' && target.role !== 'coordinator') throw forbidden('Аналитик управляет только учётными записями координаторов организаций');
  if (change) assertMayGrant(scope, change.role);
  if (target.id !== scope.userId) return;
  // one's own account is changed on the account page; these would lock the caller out
  if (action === 'deactivate') throw selfAction('Свою учётную запись отключить нельзя');
  if (action === 'reset') throw selfAction('Свой пароль меняют на странице «Моя учётная запись», а не сбросом');
  if (change && (change.role !== target.role || change.organisationId !== target.organisationId)) {
    throw selfAction('Свою роль и организацию изменить нельзя: попросите другого администратора');
  }
}
