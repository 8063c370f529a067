// The web app's one way to make a SurveyJS model cleans markup at render, including what
// survey-core builds after the JSON was cleaned: answers substituted into {question}
// placeholders, HTML from a markdown handler, a navigation URL. Run over a jsdom window; the
// browser run is tests/e2e/xss.test.ts. And no page may make a model or set inner HTML around it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';

const dom = new JSDOM('');
Object.assign(globalThis, { window: dom.window });
const { createSafeModel, sanitiseHtml } = await import('../../web/src/survey/safe-model.ts');

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

describe('createSafeModel', () => {
  it('cleans a typed answer substituted into completedHtml', () => {
    const model = createSafeModel({ pages: [{ name: 'p', elements: [{ type: 'text', name: 'nick' }] }], completedHtml: '<h3>Спасибо, {nick}!</h3>' });
    model.data = { nick: `Катя${HOSTILE}` };
    expect(model.processedCompletedHtml).toBe('<h3>Спасибо, Катя!</h3>');
  });

  it('cleans html questions of a form stored before the server cleaned forms, and their substitutions', () => {
    const model = createSafeModel({ pages: [{ name: 'p', elements: [{ type: 'text', name: 'q' }, { type: 'html', name: 'intro', html: `<b>Привет, {q}</b>${HOSTILE}` }] }] });
    model.data = { q: HOSTILE };
    const intro = model.getQuestionByName('intro') as unknown as { locHtml: { renderedHtml: string } };
    expect(intro.locHtml.renderedHtml).toBe('<b>Привет, </b>');
  });

  it('cleans HTML from a markdown handler, should one ever be registered', () => {
    const model = createSafeModel({ pages: [{ name: 'p', elements: [{ type: 'text', name: 'q', title: `**Вопрос**${HOSTILE}` }] }] });
    model.onTextMarkdown.add((_, options) => { options.html = options.text.replace(/\*\*(.+?)\*\*/, '<b>$1</b>'); });
    const title = model.getQuestionByName('q').locTitle;
    expect(title.hasHtml).toBe(true);
    expect(title.renderedHtml).toBe('<b>Вопрос</b>');
  });

  it('refuses to navigate anywhere but http(s), also after substitution', () => {
    const model = createSafeModel({ pages: [{ name: 'p', elements: [{ type: 'text', name: 'q' }] }], navigateToUrl: 'javascript:alert(1)' });
    expect(model.navigateToUrl).toBeFalsy();
    const options = { url: 'java\tscript:alert(1)', allow: true };
    model.onNavigateToUrl.fire(model, options);
    expect(options.allow).toBe(false);
    const fine = { url: 'https://edu.example.ru/thanks?n=1', allow: true };
    model.onNavigateToUrl.fire(model, fine);
    expect(fine.allow).toBe(true);
  });

  it('cleans a result kept on the device', () => {
    expect(sanitiseHtml(`<p>Результат</p>${HOSTILE}`)).toBe('<p>Результат</p>');
  });
});

const WEB = join(import.meta.dirname, '../../web/src');
const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
const sources = filesUnder(WEB).filter((f) => /\.tsx?$/.test(f)).map((f) => ({ file: relative(WEB, f), text: readFileSync(f, 'utf8') }));

describe('the web app', () => {
  it('makes SurveyJS models only through createSafeModel', () => {
    expect(sources.filter((s) => /new Model\(|new SurveyModel\(/.test(s.text)).map((s) => s.file)).toEqual(['survey/safe-model.ts']);
  });

  it('sets inner HTML only from sanitiseHtml', () => {
    const unsafe = sources.flatMap((s) => [...s.text.matchAll(/dangerouslySetInnerHTML=\{\{\s*__html:\s*([^}]*)\}\}/g)].filter((m) => !m[1].startsWith('sanitiseHtml(')).map((m) => `${s.file}: ${m[0]}`));
    expect(unsafe).toEqual([]);
    expect(sources.filter((s) => /\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=/.test(s.text)).map((s) => s.file)).toEqual([]);
  });
});
