// `npm run admin:create -- --email a@b.ru [--name "…"] [--password-stdin]`: the first
// administrator of a deployment without demo data (or one more), at the root of the tree, on
// the database the server's configuration names (DATABASE_URL or DATA_DIR). Without
// --password-stdin a strong password is generated and printed once. Exit codes: 0 created,
// 1 refused (taken email, weak password), 2 bad arguments or the database is unavailable.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../server/config.ts';
import type { Db } from '../server/db/db.client.ts';
import { hashPassword } from '../server/auth/auth.passwords.ts';
import { passwordProblem } from '../server/auth/password.policy.ts';
import { recordAudit } from '../server/audit/audit.queries.ts';
import { ensureOrganisation } from '../server/organisations/organisations.queries.ts';
import { ROOT_ORGANISATION } from '../server/organisations/organisations.rules.ts';
import { insertUser } from '../server/users/users.queries.ts';
import { openConfiguredDatabase, StartupError } from '../server/startup.ts';

const USAGE = `Usage: npm run admin:create -- --email <address> [--name "<full name>"] [--password-stdin]
  --email           the administrator's login (stored lower-cased)
  --name            shown in the interface (default: Администратор)
  --password-stdin  read the password from the first line of stdin; without it one is generated and printed`;

class Refused extends Error {
  constructor(message: string, readonly exitCode: 1 | 2) {
    super(message);
  }
}

type Args = { email: string; name: string; passwordStdin: boolean };

function parseArguments(argv: string[]): Args {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: {
      email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false },
    } }));
  } catch (error) {
    throw new Refused(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const email = values.email?.trim().toLowerCase() ?? '';
  const name = values.name?.trim() ?? 'Администратор';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw new Refused(`${values.email ? `Not an email address: ${values.email}` : '--email is required'}\n${USAGE}`, 2);
  if (name.length === 0 || name.length > 200) throw new Refused(`--name must be 1 to 200 characters\n${USAGE}`, 2);
  return { email, name, passwordStdin: values['password-stdin'] };
}

/** The first line of stdin (a pipe or a terminal), without its line end. */
async function readPasswordLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/** 20 characters of base64url: 120 random bits. */
function generatePassword(email: string): string {
  for (;;) {
    const password = randomBytes(15).toString('base64url');
    if (!passwordProblem(password, email)) return password;
  }
}

/** The root organisation (created when missing) and the administrator in it, with the audit row; a taken email writes nothing. */
async function createAdministrator(db: Db, input: { email: string; name: string; passwordHash: string }) {
  return db.transaction(async (tx) => {
    const [root] = await ensureOrganisation(tx, null, ROOT_ORGANISATION);
    const user = await insertUser(tx, { ...input, role: 'admin', organisationId: root.id });
    // rolls back the root organisation too, if this call created it
    if (!user) throw new Refused(`A user with the email ${input.email} already exists; nothing was changed.`, 1);
    await recordAudit(tx, { actorId: null, action: 'user.create', targetUserId: user.id, organisationId: root.id, details: { via: 'admin:create', role: 'admin' } });
    return { user, root };
  });
}

async function main() {
  const args = parseArguments(process.argv.slice(2));
  const password = args.passwordStdin ? await readPasswordLine() : generatePassword(args.email);
  const problem = passwordProblem(password, args.email);
  if (problem) throw new Refused(`Password refused: ${problem}`, 1);
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const { user, root } = await createAdministrator(database.db, { email: args.email, name: args.name, passwordHash: await hashPassword(password) });
    console.log(`Administrator created: ${user.email} (${user.name}) in «${root.name}».`);
    if (!args.passwordStdin) {
      console.log(`Password: ${password}`);
      console.log('It is shown only this once: log in and change it (page «Моя учётная запись»).');
    }
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  if (error instanceof Refused) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
