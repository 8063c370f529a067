import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'edu-config-'));

describe('configuration from the environment', () => {
  it('defaults to PGlite in DATA_DIR, the outbox and port 3000', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, database: { kind: 'pglite', dir: join(dir, 'pglite') }, mail: { kind: 'outbox' }, publicUrl: 'http://localhost:3000' });
  });

  it('uses PostgreSQL and SMTP when their URLs are set', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u@h:5432/db', SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
    expect(config.mail).toEqual({ kind: 'smtp', url: 'smtp://127.0.0.1:2525' });
  });

  it('generates a JWT secret once and keeps it in DATA_DIR', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first);
  });

  it('loads demo data by default only on the embedded database; DEMO_DATA=1 or 0 decides either way', () => {
    const url = 'postgres://u@h:5432/db';
    expect(loadConfig({ DATA_DIR: dataDir() }).demo).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir(), DEMO_DATA: '0' }).demo).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: url }).demo).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: url, DEMO_DATA: '1' }).demo).toBe(true);
    expect(() => loadConfig({ DATA_DIR: dataDir(), DEMO_DATA: 'yes' })).toThrow('DEMO_DATA="yes": expected 1 (load the demo organisations and users) or 0 (do not)');
  });

  it('fails at start with a message naming each bad variable', () => {
    const attempt = () => loadConfig({ DATA_DIR: dataDir(), PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT="eighty"');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('JWT_SECRET');
    }
  });
});
