// Sessions: a signed token (@fastify/jwt) names a server-side session row, so that a session
// can be ended before its token expires. Session times are wall-clock times, not the app's
// clock: a test (or a schedule) moving the app's clock must not log anybody out.
import type { Db } from '../db/db.client.ts';
import { AppError } from '../shared/errors.ts';
import { TOKEN_TTL_SECONDS } from './auth.schemas.ts';
import { endSession, findLiveSession, insertSession, type SessionKind } from './sessions.queries.ts';

export type TokenClaims = { sub: string; sid: string; k: 'b' | 'a' };
const KIND_CLAIM: Record<SessionKind, TokenClaims['k']> = { browser: 'b', api: 'a' };

export async function openSession(db: Db, userId: string, kind: SessionKind) {
  const expiresAt = new Date(Date.now() + TOKEN_TTL_SECONDS * 1000);
  const sid = await insertSession(db, userId, kind, expiresAt);
  const claims: TokenClaims = { sub: userId, sid, k: KIND_CLAIM[kind] };
  return { claims, expiresAt };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A claim that can name a session row (anything else would be a database error, not a 401). */
export const isSessionId = (sid: unknown): sid is string => typeof sid === 'string' && UUID.test(sid);
const invalid = () => new AppError(401, 'auth.invalid_token', 'Сеанс недействителен, войдите снова');

/** The caller of a verified token that arrived the way its kind travels (cookie or header). */
export async function callerOf(db: Db, claims: Partial<TokenClaims>, arrived: SessionKind) {
  // a token signed with our key but missing its session (an old token) is as good as a forged one
  if (typeof claims.sub !== 'string' || !isSessionId(claims.sid) || claims.k !== KIND_CLAIM[arrived]) throw invalid();
  const row = await findLiveSession(db, claims.sid, arrived, new Date());
  if (!row || row.id !== claims.sub) throw invalid();
  return row;
}

export type Caller = NonNullable<Awaited<ReturnType<typeof findLiveSession>>>;


export const closeSession = (db: Db, sessionId: string) => endSession(db, sessionId, new Date());
