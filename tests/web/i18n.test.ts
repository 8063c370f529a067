// The staff screens speak Russian and English. Every word a staff page shows comes from a
// `*.messages.ts` dictionary, and every Russian entry has its English twin.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = join(import.meta.dirname, '../../web/src');
const STAFF_DIRS = ['pages/staff', 'pages/school', 'pages/dept', 'pages/login'];
const CYRILLIC = /\p{Script=Cyrillic}/u;

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/** Code without comments: the comments may quote Russian, the screen may not. */
const withoutComments = (source: string) =>
  source
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1');

type Entry = string | ((...args: unknown[]) => string) | Record<string, string>;
type Pair = { ru: Record<string, Entry>; en: Record<string, Entry> };
const isPair = (v: unknown): v is Pair => typeof v === 'object' && v !== null && 'ru' in v && 'en' in v;

const dictionaries = await Promise.all(
  filesUnder(WEB)
    .filter((f) => f.endsWith('.messages.ts'))
    .map(async (f) => ({ file: relative(WEB, f), module: (await import(f)) as Record<string, unknown> })),
);
const pairs = dictionaries.flatMap(({ file, module }) => Object.entries(module).filter(([, v]) => isPair(v)).map(([name, v]) => ({ where: `${file}:${name}`, ...(v as Pair) })));

describe('staff interface language', () => {
  it('no staff page holds Russian text outside its message dictionary', () => {
    const offending = STAFF_DIRS.flatMap((dir) => filesUnder(join(WEB, dir)))
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.messages.ts'))
      .flatMap((f) => withoutComments(readFileSync(f, 'utf8')).split('\n').map((line, i) => ({ at: `${relative(WEB, f)}:${i + 1}`, line })))
      .filter(({ line }) => CYRILLIC.test(line))
      .map(({ at, line }) => `${at}: ${line.trim().slice(0, 100)}`);
    expect(offending).toEqual([]);
  });

  it('finds the dictionaries of every staff area', () => {
    const files = new Set(dictionaries.map((d) => d.file.split('/').slice(0, -1).join('/')));
    for (const dir of STAFF_DIRS) expect(files, dir).toContain(dir);
    expect(pairs.length).toBeGreaterThan(STAFF_DIRS.length);
  });

  it('every Russian message has an English one of the same shape, and the English has no Cyrillic', () => {
    const problems: string[] = [];
    for (const { where, ru, en } of pairs) {
      expect(Object.keys(en).sort(), where).toEqual(Object.keys(ru).sort());
      for (const key of Object.keys(ru)) {
        const r = ru[key];
        const e = en[key];
        if (typeof r !== typeof e) problems.push(`${where}.${key}: ${typeof r} vs ${typeof e}`);
        else if (typeof r === 'function' && typeof e === 'function') {
          if (r.length !== e.length) problems.push(`${where}.${key}: ${r.length} vs ${e.length} parameters`);
          // sample arguments: a number works for counts and is printed for text parameters too
          const sample = e(...Array.from({ length: e.length }, () => 2));
          if (CYRILLIC.test(sample)) problems.push(`${where}.${key}: ${sample}`);
        } else if (typeof e === 'object' && typeof r === 'object') {
          const missing = Object.keys(r).filter((k) => !(k in e));
          if (missing.length) problems.push(`${where}.${key}: no English for ${missing.join(', ')}`);
          for (const [k, v] of Object.entries(e)) if (CYRILLIC.test(v)) problems.push(`${where}.${key}.${k}: ${v}`);
        } else if (typeof e === 'string' && CYRILLIC.test(e) && !/^(Русский|Переключить)/.test(e)) problems.push(`${where}.${key}: ${e}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
