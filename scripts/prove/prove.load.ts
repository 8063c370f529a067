// Parents submitting over real HTTP, with faults: a share of attempts is cut by the client
// (mid-body, or right after the body is sent, before the answer), and every answer is retried
// with the same response id until the server gives a final one (2xx or a 4xx other than 429).
// The ledger records what each id was finally told, which is what the checks compare against.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { invalidAnswers, validAnswers, type Link } from './prove.survey.ts';

type Kind = 'valid' | 'invalid' | 'other_link';
export type Entry = { id: string; code: string; kind: Kind; attempts: number; final: number | null; acknowledged: boolean };

export type LoadOptions = {
  baseUrl: string;
  links: Link[];
  clients: number;
  /** stop after this many answers, or when the time is up, whichever comes first */
  answers?: number;
  durationMs?: number;
  /** the chance that an attempt is cut by the client (at most 3 cuts per answer) */
  cutShare?: number;
  /** shares of answers the server must refuse: invalid data (422), another link's id (409) */
  invalidShare?: number;
  otherLinkShare?: number;
  /** an answer still without a final reply after this long is given up (and reported) */
  giveUpMs?: number;
  /** an attempt without a reply after this long is a hang: ended and counted as "timeout" */
  attemptTimeoutMs?: number;
};

type Outcome = { status: number; ms: number } | { error: string; ms: number };

export type LoadStats = {
  requests: number;
  statuses: Record<string, number>;
  cutMidBody: number;
  cutAfterSend: number;
  /** attempts that got no reply although the client did not cut them, by error code */
  networkErrors: Record<string, number>;
  /** the slowest reply per status, in ms: a 503 must come fast, not after a hang */
  slowestMs: Record<string, number>;
  /** attempts that took over 1 s, and over 5 s (a hang, for an answer that should come at once) */
  slowCount: number;
  hangCount: number;
  /** the first 50 of those: when they started (ms into the load) and how long they took */
  slow: { key: string; startedAt: number; ms: number }[];
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One attempt; `cut` ends it from the client side before the answer can be read. */
function attempt(agent: Agent, url: URL, body: string, ip: string, cut: 'none' | 'mid_body' | 'after_send', timeoutMs: number): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (o: Omit<Outcome, 'ms'> & Partial<Outcome>) => {
      if (settled) return;
      settled = true;
      resolve({ ...o, ms: Math.round(performance.now() - started) } as Outcome);
    };
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': ip },
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('no reply'), { code: 'timeout' })));
    req.on('error', (e: NodeJS.ErrnoException) => settle({ error: e.code ?? e.message }));
    req.on('close', () => settle({ error: 'closed' }));
    req.on('response', (res) => {
      res.on('error', () => settle({ error: 'aborted' }));
      res.resume();
      res.on('end', () => settle({ status: res.statusCode ?? 0 }));
    });
    if (cut === 'mid_body') {
      req.write(body.slice(0, body.length >> 1));
      setImmediate(() => req.destroy(new Error('cut')));
      return;
    }
    req.end(body);
    // 0–20 ms covers "before the handler ran", "during the transaction" and "after commit"
    if (cut === 'after_send') setTimeout(() => req.destroy(new Error('cut')), Math.random() * 20);
  });
}

const isFinal = (status: number) => (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 429);

// public routes allow 60 requests a minute per address; a server that trusts a loopback proxy
// (TRUST_PROXY=127.0.0.1) reads the address from X-Forwarded-For, so each answer comes "from" its
// own address (only a header: every packet goes to the loopback server)
let addresses = 0;
const nextAddress = () => {
  const n = ++addresses;
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
};

export function startLoad(options: LoadOptions) {
  const { baseUrl, links, clients, cutShare = 0.2, invalidShare = 0.05, otherLinkShare = 0.03, giveUpMs = 60_000, attemptTimeoutMs = 30_000 } = options;
  const entries: Entry[] = [];
  const acknowledged: { id: string; code: string }[] = [];
  const stats: LoadStats = { requests: 0, statuses: {}, cutMidBody: 0, cutAfterSend: 0, networkErrors: {}, slowestMs: {}, slowCount: 0, hangCount: 0, slow: [] };
  const loadStart = performance.now();
  const endsAt = options.durationMs ? Date.now() + options.durationMs : Infinity;
  let started = 0;
  let stopped = false;

  const record = (o: Outcome) => {
    stats.requests++;
    const key = 'status' in o ? String(o.status) : o.error;
    if ('status' in o) stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
    else if (key !== 'cut') stats.networkErrors[key] = (stats.networkErrors[key] ?? 0) + 1;
    stats.slowestMs[key] = Math.max(stats.slowestMs[key] ?? 0, o.ms);
    if (o.ms <= 1000) return;
    stats.slowCount++;
    if (o.ms > 5000) stats.hangCount++;
    if (stats.slow.length < 50) stats.slow.push({ key, startedAt: Math.round(performance.now() - loadStart - o.ms), ms: o.ms });
  };

  /** Sends one answer until the server gives a final reply. */
  async function answer(agent: Agent, entry: Entry, data: Record<string, unknown>) {
    const url = new URL(`/api/public/s/${entry.code}/responses`, baseUrl);
    const body = JSON.stringify({ id: entry.id, data });
    const ip = nextAddress();
    const giveUpAt = Date.now() + giveUpMs;
    let cuts = 0;
    for (let delay = 20; Date.now() < giveUpAt; delay = Math.min(delay * 2, 500)) {
      const cut = cuts < 3 && Math.random() < cutShare ? (Math.random() < 0.3 ? 'mid_body' : 'after_send') : 'none';
      if (cut !== 'none') cuts++;
      const outcome = await attempt(agent, url, body, ip, cut, attemptTimeoutMs);
      entry.attempts++;
      record(outcome);
      if ('error' in outcome && outcome.error === 'cut') {
        if (cut === 'mid_body') stats.cutMidBody++;
        else stats.cutAfterSend++;
        continue;
      }
      if ('status' in outcome && isFinal(outcome.status)) {
        entry.final = outcome.status;
        entry.acknowledged = outcome.status < 300;
        if (entry.acknowledged) acknowledged.push({ id: entry.id, code: entry.code });
        return;
      }
      await sleep(delay * (0.5 + Math.random()));
    }
  }

  /** The next answer: mostly a new valid one, some refusable ones. */
  function next(): { entry: Entry; data: Record<string, unknown> } {
    const link = links[Math.floor(Math.random() * links.length)];
    const roll = Math.random();
    const other = acknowledged.length && links.length > 1 ? acknowledged[Math.floor(Math.random() * acknowledged.length)] : undefined;
    if (other && roll < otherLinkShare) {
      // an id already stored through one link, replayed at another: "id taken", nothing counted
      const code = links.find((l) => l.code !== other.code)!.code;
      return { entry: { id: other.id, code, kind: 'other_link', attempts: 0, final: null, acknowledged: false }, data: validAnswers() };
    }
    const kind: Kind = roll < otherLinkShare + invalidShare ? 'invalid' : 'valid';
    const entry: Entry = { id: randomUUID(), code: link.code, kind, attempts: 0, final: null, acknowledged: false };
    return { entry, data: kind === 'invalid' ? invalidAnswers() : validAnswers() };
  }

  async function client() {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      while (!stopped && Date.now() < endsAt && started < (options.answers ?? Infinity)) {
        started++;
        const { entry, data } = next();
        entries.push(entry);
        await answer(agent, entry, data);
      }
    } finally {
      agent.destroy();
    }
  }

  const done = Promise.all(Array.from({ length: clients }, client)).then(() => ({ entries, stats }));
  return {
    done,
    /** live figures, for what happened in a window of the run */
    stats,
    acknowledged: () => acknowledged.length,
    /** ids acknowledged so far: what must survive whatever happens next */
    acknowledgedIds: () => new Set(acknowledged.map((a) => a.id)),
    /** no new answers; those under way still finish */
    stop: () => { stopped = true; },
  };
}

/** Waits until `test()` holds, checking every 20 ms. */
export async function until(test: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** One plain submission (no cut, no retry): its status, error code and time, or status 0 and the network error (TimeoutError past `timeoutMs`). */
export async function submitOnce(baseUrl: string, code: string, id: string, data: Record<string, unknown>, timeoutMs = 30_000) {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(`${baseUrl}/api/public/s/${code}/responses`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() }, body: JSON.stringify({ id, data }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as { error?: { code?: string } };
    return { status: res.status, code: body.error?.code, retryAfter: res.headers.get('retry-after'), ms: ms() };
  } catch (error) {
    const e = error as { cause?: { code?: string }; name?: string };
    return { status: 0, code: e.cause?.code ?? e.name, retryAfter: null, ms: ms() };
  }
}
