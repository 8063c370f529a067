// The figures every proof prints: a table for people, then one JSON line for machines. A
// failed verdict sets the exit code, so `npm run prove:*` fails in CI when a proof does not hold.
import { printTable } from '../bench/bench.helpers.ts';
import { verdictOk, type Verdict } from './prove.check.ts';
import type { LoadStats } from './prove.load.ts';

const listed = (counts: Record<string, number>) => Object.entries(counts).map(([k, n]) => `${k}×${n}`).join(' ') || 'none';

/** Prints the common figures; `extra` rows and JSON fields come from the scenario. */
export function report(name: string, stats: LoadStats, verdict: Verdict, extra: { rows?: [string, string | number][]; json?: Record<string, unknown>; ok?: boolean } = {}) {
  const ok = verdictOk(verdict) && (extra.ok ?? true);
  console.log(`\n${name}: ${ok ? 'HOLDS' : 'FAILS'}`);
  console.log(`replies: ${listed(stats.statuses)}; cut by the client: ${stats.cutMidBody} mid-body, ${stats.cutAfterSend} after sending; network errors: ${listed(stats.networkErrors)}`);
  for (const m of verdict.mismatches) console.log(`MISMATCH ${m.counter} at ${m.institutionId}: kept ${m.kept}, recount ${m.recount}`);
  printTable([
    ['requests (attempts)', stats.requests],
    ['answers (response ids)', verdict.answers],
    ['acknowledged (2xx)', verdict.acknowledged],
    ['stored', verdict.stored],
    ['duplicates', verdict.duplicates],
    ['lost (2xx, not stored)', verdict.lost],
    ['refused (final 4xx)', verdict.refused],
    ['refused but stored', verdict.refusedButStored],
    ['stored, never acknowledged', verdict.storedUnacknowledged],
    ['stored, never sent', verdict.foreign],
    ['unresolved (gave up)', verdict.unresolved],
    ['counters ≠ recount', verdict.mismatches.length],
    ...(extra.rows ?? []),
  ]);
  console.log(JSON.stringify({
    proof: name, ok, requests: stats.requests, answers: verdict.answers, acknowledged: verdict.acknowledged, stored: verdict.stored,
    duplicates: verdict.duplicates, lost: verdict.lost, refused: verdict.refused, refused_but_stored: verdict.refusedButStored,
    stored_unacknowledged: verdict.storedUnacknowledged, foreign: verdict.foreign, unresolved: verdict.unresolved,
    aggregate_mismatches: verdict.mismatches.length, statuses: stats.statuses, network_errors: stats.networkErrors,
    cut: stats.cutMidBody + stats.cutAfterSend, ...extra.json,
  }));
  if (!ok) process.exitCode = 1;
}
