import { randomUUID } from 'node:crypto';
import { startPrivatePostgres } from './prove.postgres.ts';
import { startServer } from './prove.server.ts';
import { launchProveCampaign, validAnswers } from './prove.survey.ts';
import { submitOnce } from './prove.load.ts';
import { health } from './prove.scenarios.ts';
const pg = await startPrivatePostgres({ fsync: false });
const url = await pg.createDatabase('prove');
const server = await startServer({ databaseUrl: url, logLevel: 'warn' });
const c = await launchProveCampaign(server.baseUrl);
const code = c.links[0].code;
await pg.stop('fast');
const t0 = performance.now();
const out = [];
for (let i = 0; i < 15; i++) { const r = await submitOnce(server.baseUrl, code, randomUUID(), validAnswers()); out.push(`${r.status}/${r.ms}`); }
console.log('down:', out.join(' '), 'total', Math.round(performance.now() - t0));
const h = await health(server.baseUrl); console.log('health', h.status, h.ms, JSON.stringify(h.body));
await pg.start();
const t1 = performance.now();
const out2 = [];
for (let i = 0; i < 5; i++) { const r = await submitOnce(server.baseUrl, code, randomUUID(), validAnswers()); out2.push(`${r.status}/${r.ms}`); }
console.log('after pg up:', out2.join(' '), 'total', Math.round(performance.now() - t1), 'alive', server.alive());
await server.stop(); pg.destroy();
