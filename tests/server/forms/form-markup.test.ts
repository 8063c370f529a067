// A form's markup is cleaned when it is saved: hostile HTML in an html question, completedHtml
// (plain and localised) and a javascript: navigateToUrl are stored inert, the API answers with
// the stored JSON and a warning naming what went, and clean forms are stored exactly as sent.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { formVersionsTable } from '../../../drizzle/schema/index.ts';
import { customSurvey } from '../../helpers/forms.ts';
import { createTestApp } from '../../helpers/test-app.ts';

const t = await createTestApp();
const analyst = await t.login('analyst@kalininsky.demo');

const PAYLOAD = `<img src=x onerror="fetch('/api/users',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({email:'evil@example.org',role:'admin'})})">`;
const hostileJson = {
  ...customSurvey.json,
  completedHtml: { default: `<p>Спасибо!</p>${PAYLOAD}`, en: `<p>Thank you!</p><script>alert(1)</script>` },
  completedHtmlOnCondition: [{ expression: '{q_sat} = 5', html: `<b>Отлично</b><svg onload="alert(1)"></svg>` }],
  navigateToUrl: 'javascript:fetch("/api/users")',
  pages: [{ ...customSurvey.json.pages[0], elements: [{ type: 'html', name: 'intro', html: `<h3>Добрый день</h3>${PAYLOAD}` }, ...customSurvey.json.pages[0].elements] }],
};
const storedJson = async (versionId: string) => (await t.db.select().from(formVersionsTable).where(eq(formVersionsTable.id, versionId)))[0].json as any;
const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: analyst.headers, payload: payload as object });

describe('saving a form with hostile markup', () => {
  it('stores the cleaned JSON, answers with it and warns, in Russian, about each place', async () => {
    const res = await post('/api/forms', { ...customSurvey, json: hostileJson });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    const stored = await storedJson(body.latestVersionId);
    expect(stored.pages[0].elements[0].html).toBe('<h3>Добрый день</h3>');
    expect(stored.completedHtml).toEqual({ default: '<p>Спасибо!</p>', en: '<p>Thank you!</p>' });
    expect(stored.completedHtmlOnCondition).toEqual([{ expression: '{q_sat} = 5', html: '<b>Отлично</b>' }]);
    expect(stored).not.toHaveProperty('navigateToUrl');
    expect(JSON.stringify(stored)).not.toMatch(/onerror|onload|<script|javascript:/i);
    // the questions themselves are untouched
    expect(stored.pages[0].elements.slice(1)).toEqual(customSurvey.json.pages[0].elements);
    expect(body.versions[0].json).toEqual(stored);
    expect(body.warnings).toEqual([
      { rule: 'markup.unsafe_html', path: 'pages[0].elements[0].html', message: 'Из HTML удалены небезопасные элементы: обработчик onerror, изображение не с этого сайта в вопросе intro' },
      { rule: 'markup.unsafe_html', path: 'completedHtml.default', message: 'Из HTML удалены небезопасные элементы: обработчик onerror, изображение не с этого сайта в тексте после завершения (completedHtml)' },
      { rule: 'markup.unsafe_html', path: 'completedHtml.en', message: 'Из HTML удалены небезопасные элементы: элемент <script> в тексте после завершения (completedHtml) (язык en)' },
      { rule: 'markup.unsafe_html', path: 'completedHtmlOnCondition[0].html', message: 'Из HTML удалены небезопасные элементы: элемент <svg> в тексте после завершения по условию № 1 (completedHtmlOnCondition)' },
      { rule: 'markup.unsafe_url', path: 'navigateToUrl', message: 'Удалён адрес перехода после завершения (navigateToUrl): допускаются только ссылки http:// и https://' },
    ]);
    // and what is read back later is the same cleaned form
    const again = await t.app.inject({ url: `/api/form-versions/${body.latestVersionId}`, headers: analyst.headers });
    expect(again.json().json).toEqual(stored);
  });

  it('cleans a new version the same way', async () => {
    const first = await post('/api/forms', customSurvey);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().warnings).toEqual([]);
    const res = await post(`/api/forms/${first.json().id}/versions`, { json: hostileJson, mapping: customSurvey.mapping });
    expect(res.statusCode, res.body).toBe(201);
    const stored = await storedJson(res.json().id);
    expect(res.json().version).toBe(2);
    expect(res.json().json).toEqual(stored);
    expect(stored.pages[0].elements[0].html).toBe('<h3>Добрый день</h3>');
    expect(res.json().warnings.map((w: { path: string }) => w.path)).toEqual(['pages[0].elements[0].html', 'completedHtml.default', 'completedHtml.en', 'completedHtmlOnCondition[0].html', 'navigateToUrl']);
  });
});

describe('choices loaded from a URL', () => {
  it("are dropped with a warning: the page of whoever opens the form would fetch them with that person's session", async () => {
    const json = { ...customSurvey.json, pages: [{ name: 'p1', elements: [...customSurvey.json.pages[0].elements, { type: 'dropdown', name: 'who', title: 'Кто', choicesByUrl: { url: '/api/users', valueName: 'email' }, choices: ['мама', 'папа'] }] }] };
    const res = await post('/api/forms', { ...customSurvey, json });
    expect(res.statusCode, res.body).toBe(201);
    const stored = await storedJson(res.json().latestVersionId);
    const who = stored.pages[0].elements.find((e: { name: string }) => e.name === 'who');
    expect(who).toEqual({ type: 'dropdown', name: 'who', title: 'Кто', choices: ['мама', 'папа'] });
    expect(res.json().warnings).toEqual([{ rule: 'markup.choices_by_url', path: 'pages[0].elements[4].choicesByUrl', message: 'Удалена загрузка вариантов ответа по адресу (choicesByUrl) в вопросе who: варианты задаются в самой форме' }]);
  });
});

describe('saving clean forms', () => {
  it('stores generated forms with their result pages exactly as generated, with no warning', async () => {
    for (const generate of [{ kind: 'student_diagnostic', indicators: [] }, { kind: 'parent_survey', catalogue: 'kalininsky', indicators: ['TAL-8'], audience: 'supplementary' }]) {
      const g = (await post('/api/forms/generate', generate)).json();
      const res = await post('/api/forms', { title: 'Форма', kind: generate.kind, json: g.json, mapping: g.mapping, indicators: g.indicators, catalogueVersionId: g.catalogueVersionId });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().warnings).toEqual([]);
      expect(await storedJson(res.json().latestVersionId)).toEqual(g.json);
    }
  });

  it('keeps benign markup, own images and outside links (which open in a new tab)', async () => {
    const html = '<p><b>Важно:</b> ответы анонимны.</p><img src="/logo.png" alt="Логотип"><ul><li>раз</li></ul>';
    const json = { ...customSurvey.json, completedHtml: `${html}<a href="https://edu.example.ru/">сайт</a>`, navigateToUrl: 'https://edu.example.ru/thanks' };
    const res = await post('/api/forms', { ...customSurvey, json });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().warnings).toEqual([]);
    const stored = await storedJson(res.json().latestVersionId);
    expect(stored.completedHtml).toBe(`${html}<a href="https://edu.example.ru/" target="_blank" rel="noopener noreferrer">сайт</a>`);
    expect(stored.navigateToUrl).toBe('https://edu.example.ru/thanks');
  });
});
