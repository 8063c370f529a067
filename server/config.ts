// The one reader of process.env: every setting is parsed and checked here at start, with a
// clear message for a bad value; the rest of the server receives a typed Config.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';

const Env = Type.Object({
  PORT: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })),
  HOST: Type.Optional(Type.String({ minLength: 1 })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  SURVEY_URL: Type.Optional(Type.String({ pattern: '^https?://[^/]+/?$' })),
  PUBLIC_RATE_LIMIT: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })),
  TRUST_PROXY: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  DEMO_DATA: Type.Optional(Type.String({ pattern: '^[01]$' })),
  LOG_LEVEL: Type.Optional(
    Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
  ),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
  mail: { kind: 'smtp'; url: string } | { kind: 'outbox' };
  jwtSecret: string;
  publicUrl: string;
  // the respondents' origin (/s/ links in mails and QR codes); another host than publicUrl keeps
  // the staff's session cookie away from every page that renders a form an analyst wrote
  surveyUrl: string;
  logLevel: string;
  // answers per minute from one address on the public links; 0 turns the limit off (benchmarks)
  publicRateLimit: number;
  // false, or the proxy addresses/CIDRs whose X-Forwarded-For is believed
  trustProxy: false | string[];
  // load the demo organisations and users (with a published password) at start: on by default
  // only on the embedded database, so a PostgreSQL deployment never gets a known administrator
  demo: boolean;
};

export class ConfigError extends Error {}

const envCheck = Compile(Env);
const hints: Record<string, string> = {
  PORT: 'a port number, e.g. 3000',
  DATABASE_URL: 'a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/edu',
  SMTP_URL: 'an smtp:// or smtps:// URL, e.g. smtp://user:pass@127.0.0.1:2525',
  JWT_SECRET: 'at least 32 characters (leave unset to generate one in DATA_DIR)',
  PUBLIC_URL: 'an http(s):// URL, e.g. https://monitoring.example.ru',
  SURVEY_URL: 'an http(s):// origin without a path, e.g. https://anketa.example.ru',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
  PUBLIC_RATE_LIMIT: 'answers per minute per address, 0 = no limit',
  TRUST_PROXY: 'comma-separated proxy addresses or CIDRs, e.g. 127.0.0.1,10.0.0.0/8',
  DEMO_DATA: '1 (load the demo organisations and users) or 0 (do not)',
};

/** A JWT secret kept in the data folder, so sessions survive a restart. */
function persistentSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(Env.properties)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  if (!envCheck.Check(relevant)) {
    const problems = [...envCheck.Errors(relevant)].map((e) => {
      const name = e.instancePath.replace(/^\//, '');
      return `  ${name}=${JSON.stringify(relevant[name])}: expected ${hints[name] ?? e.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = relevant as Static<typeof Env>;
  const port = Number(e.PORT ?? 3000);
  if (port > 65535) throw new ConfigError(`Invalid configuration:\n  PORT=${e.PORT}: expected ${hints.PORT}`);
  const dataDir = resolve(e.DATA_DIR ?? './data');
  const host = e.HOST ?? '0.0.0.0';
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  return {
    port,
    host,
    dataDir,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dir: join(dataDir, 'pglite') },
    mail: e.SMTP_URL ? { kind: 'smtp', url: e.SMTP_URL } : { kind: 'outbox' },
    jwtSecret: e.JWT_SECRET ?? persistentSecret(dataDir),
    publicUrl,
    surveyUrl: (e.SURVEY_URL ?? publicUrl).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL ?? 'info',
    publicRateLimit: Number(e.PUBLIC_RATE_LIMIT ?? 60),
    trustProxy: e.TRUST_PROXY ? e.TRUST_PROXY.split(',').map((s) => s.trim()).filter(Boolean) : false,
    demo: e.DEMO_DATA ? e.DEMO_DATA === '1' : !e.DATABASE_URL,
  };
}
