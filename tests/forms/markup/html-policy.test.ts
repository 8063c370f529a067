// The markup policy against a hostile corpus: vectors from the OWASP XSS Filter Evasion Cheat
// Sheet, PortSwigger's XSS cheat sheet and published DOMPurify/mXSS bypasses, each with the
// verdict the policy gives (the exact HTML that must remain), run through the server's
// sanitiser. Benign survey markup must come through unchanged, and the form walker must find
// HTML at every place survey-core renders it.
import { JSDOM } from 'jsdom';
import { Serializer } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { isHttpUrl, sanitiseFormJson, type HtmlPlace } from '../../../forms/markup/html.policy.ts';
import { sanitiseFormMarkup, sanitiseHtml } from '../../../server/forms/forms.markup.ts';

type Verdict = { name: string; html: string; out: string };

const ALERT = "alert('XSS')";
const HOSTILE: Verdict[] = [
  // script and handlers
  { name: 'plain script', html: `<script>${ALERT}</script><p>текст</p>`, out: '<p>текст</p>' },
  { name: 'img onerror', html: `<img src=x onerror="${ALERT}">`, out: '' },
  { name: 'same-origin img keeps the picture, loses the handler', html: `<img src="/logo.png" onload="${ALERT}">`, out: '<img src="/logo.png">' },
  { name: 'link with onclick keeps the link', html: `<a href="https://example.org/" onclick="${ALERT}">сайт</a>`, out: '<a href="https://example.org/" target="_blank" rel="noopener noreferrer">сайт</a>' },
  { name: 'body onload (OWASP)', html: `<BODY ONLOAD=${ALERT}><p>x</p>`, out: '<p>x</p>' },
  { name: 'details ontoggle (PortSwigger)', html: `<details open ontoggle=${ALERT}><summary>s</summary>d</details>`, out: 'sd' },
  { name: 'input autofocus onfocus (PortSwigger)', html: `<input autofocus onfocus=${ALERT}>`, out: '' },
  { name: 'unknown element with handler', html: `<xss onmouseover="${ALERT}" style="display:block">наведи</xss>`, out: 'наведи' },
  { name: 'video source onerror', html: `<video><source onerror="${ALERT}"></video>`, out: '' },
  { name: 'attribute breakout text', html: `"><script>${ALERT}</script>`, out: '"&gt;' },
  // javascript: URLs and their spellings (OWASP)
  { name: 'img javascript:', html: `<IMG SRC="javascript:${ALERT};">`, out: '' },
  { name: 'img mixed case javascript:', html: `<IMG SRC=JaVaScRiPt:${ALERT}>`, out: '' },
  { name: 'img decimal entities', html: '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>', out: '' },
  { name: 'img hex entities without semicolons', html: '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>', out: '' },
  { name: 'link with embedded tab', html: `<a href="jav&#x09;ascript:${ALERT}">x</a>`, out: '<a>x</a>' },
  { name: 'link with embedded newline', html: `<a href="jav&#x0A;ascript:${ALERT}">x</a>`, out: '<a>x</a>' },
  { name: 'link with leading spaces and meta char', html: `<a href=" &#14;  javascript:${ALERT}">x</a>`, out: '<a>x</a>' },
  { name: 'link with &colon;', html: `<a href="javascript&colon;${ALERT}">x</a>`, out: '<a>x</a>' },
  { name: 'vbscript link', html: '<a href="vbscript:msgbox(1)">x</a>', out: '<a>x</a>' },
  { name: 'data:text/html link', html: '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', out: '<a>x</a>' },
  { name: 'protocol-relative link', html: '<a href="//evil.example/">x</a>', out: '<a>x</a>' },
  { name: 'backslash link read as protocol-relative', html: '<a href="/\\evil.example/">x</a>', out: '<a>x</a>' },
  // SVG, MathML and mXSS
  { name: 'svg onload (PortSwigger)', html: `<svg onload=${ALERT}>`, out: '' },
  { name: 'svg script', html: `<svg><script>${ALERT}</script></svg>`, out: '' },
  { name: 'svg animate onbegin (PortSwigger)', html: `<svg><animate onbegin=${ALERT} attributeName=x dur=1s>`, out: '' },
  { name: 'mXSS: math mglyph style (DOMPurify 2.0.0 bypass)', html: `<math><mtext><table><mglyph><style><img src=x onerror=${ALERT}>`, out: '' },
  { name: 'mXSS: nested forms (DOMPurify 2.0.17 bypass)', html: `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${ALERT}>`, out: '' },
  { name: 'mXSS: noscript title', html: `<noscript><p title="</noscript><img src=x onerror=${ALERT}>">`, out: '' },
  { name: 'template content', html: `<template><script>${ALERT}</script></template><b>b</b>`, out: '<b>b</b>' },
  // frames, objects, forms, document-level elements
  { name: 'iframe srcdoc', html: `<iframe srcdoc="<script>${ALERT}</script>"></iframe><p>ok</p>`, out: '<p>ok</p>' },
  { name: 'iframe javascript:', html: `<iframe src="javascript:${ALERT}"></iframe>`, out: '' },
  { name: 'object data', html: `<object data="javascript:${ALERT}"></object>`, out: '' },
  { name: 'embed', html: '<embed src="https://evil.example/x.swf">', out: '' },
  { name: 'form action javascript:', html: `<form action="javascript:${ALERT}"><input type=submit value="Отправить"></form>`, out: '' },
  { name: 'button formaction', html: `<button formaction="javascript:${ALERT}">кнопка</button>`, out: 'кнопка' },
  { name: 'base href', html: '<base href="https://evil.example/"><a href="/x">x</a>', out: '<a href="/x">x</a>' },
  { name: 'meta refresh', html: `<meta http-equiv="refresh" content="0;url=javascript:${ALERT}"><p>p</p>`, out: '<p>p</p>' },
  { name: 'link rel=import', html: '<link rel="import" href="https://evil.example/x.html">', out: '' },
  // styles: cannot run script, but can paint a fake login over the page
  { name: 'style element', html: "<style>@import 'https://evil.example/x.css';</style><p>p</p>", out: '<p>p</p>' },
  { name: 'style attribute (OWASP url(javascript:))', html: `<div style="background-image:url(javascript:${ALERT})">d</div>`, out: '<div>d</div>' },
  { name: 'full-page overlay', html: '<div style="position:fixed;inset:0;z-index:99999">Сеанс истёк</div>', out: '<div>Сеанс истёк</div>' },
  // images from elsewhere and DOM clobbering
  { name: 'external image', html: '<img src="https://evil.example/pixel.png?who=admin">', out: '' },
  { name: 'protocol-relative image', html: '<img src="//evil.example/pixel.png">', out: '' },
  { name: 'svg data image', html: '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">', out: '' },
  { name: 'clobbering id and name', html: '<img src="/a.png" name="currentScript"><p id="cookie">p</p>', out: '<img src="/a.png"><p>p</p>' },
];

const BENIGN = [
  '<h3>Спасибо! Ваш ответ отправлен.</h3><p>Результаты опроса помогут сделать работу лучше.</p>',
  '<p><b>Жирный</b>, <i>курсив</i>, <u>подчёркнутый</u>, <strong>важно</strong>, <em>акцент</em>, <small>мелко</small>, H<sub>2</sub>O, м<sup>2</sup></p>',
  '<ul><li>первое</li><li>второе</li></ul><ol><li>раз</li><li>два</li></ol>',
  '<p>Подробнее: <a href="https://edu.example.ru/monitoring" target="_blank" rel="noopener noreferrer">сайт МОУО</a>, <a href="mailto:mouo@example.ru" target="_blank" rel="noopener noreferrer">почта</a>, <a href="/school">кабинет</a></p>',
  '<img src="/logo.png" alt="Логотип школы" width="120" height="40">',
  '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" alt="точка">',
  '<table class="result"><caption>Баллы</caption><thead><tr><th>Тип</th><th>Балл</th></tr></thead><tbody><tr><td colspan="2">Человек — природа: {score_nature}</td></tr></tbody></table>',
  '<blockquote>Цитата</blockquote><hr><p>Строка<br>строка</p><div class="note"><span>{name}, спасибо!</span></div>',
];

/** Parsed in a DOM, the output has nothing that could run script or load from elsewhere. */
function assertInert(html: string) {
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  for (const el of doc.body.querySelectorAll('*')) {
    expect(['script', 'style', 'iframe', 'object', 'embed', 'form', 'svg', 'math', 'base', 'meta', 'link', 'template']).not.toContain(el.localName);
    for (const attr of el.attributes) {
      expect(attr.name).not.toMatch(/^on|^style$|^id$|^name$|^srcdoc$|action$/);
      if (attr.name === 'href') expect(attr.value).toMatch(/^(https?:|mailto:|\/(?![/\\])|#)/i);
      if (attr.name === 'src') expect(attr.value).toMatch(/^(\/(?![/\\])|data:image\/(png|jpeg|gif|webp);base64,)/i);
    }
  }
}

describe('the markup policy against hostile HTML', () => {
  it.each(HOSTILE)('$name', ({ html, out }) => {
    const result = sanitiseHtml(html);
    expect(result.html).toBe(out);
    expect(result.removed.length, 'the author is told something went').toBeGreaterThan(0);
    assertInert(result.html);
    // the browser cleans the server's output again; a second pass must change nothing
    expect(sanitiseHtml(result.html)).toEqual({ html: out, removed: [] });
  });

  it('names what it took out, in words an analyst can act on', () => {
    expect(sanitiseHtml(`<img src=x onerror="${ALERT}">`).removed).toEqual(['обработчик onerror', 'изображение не с этого сайта']);
    expect(sanitiseHtml('<script>1</script><iframe></iframe>').removed).toEqual(['элемент <script>', 'элемент <iframe>']);
    expect(sanitiseHtml(`<a href="javascript:${ALERT}">x</a>`).removed).toEqual(['адрес href у <a>']);
    expect(sanitiseHtml('<p style="color:red">x</p>').removed).toEqual(['атрибут style у <p>']);
  });
});

describe('the markup policy on benign survey markup', () => {
  it.each(BENIGN)('keeps %s unchanged', (html) => {
    expect(sanitiseHtml(html)).toEqual({ html, removed: [] });
  });

  it('opens outside links in a new tab without opener or referrer, and leaves own links alone', () => {
    expect(sanitiseHtml('<a href="https://example.org/">a</a> <a href="http://example.org/" target="_self" rel="opener">b</a> <a href="/s/abc">c</a>').html)
      .toBe('<a href="https://example.org/" target="_blank" rel="noopener noreferrer">a</a> <a href="http://example.org/" target="_blank" rel="noopener noreferrer">b</a> <a href="/s/abc">c</a>');
  });
});

describe('the form walker', () => {
  const hostile = `<img src=x onerror="${ALERT}"><b>видно</b>`;
  const form = {
    title: `<img src=x onerror="${ALERT}">`, // a title is text to survey-react-ui, not markup: left as typed
    completedHtml: { default: hostile, en: hostile, ru: 7 },
    completedBeforeHtml: hostile,
    loadingHtml: hostile,
    completedHtmlOnCondition: [{ expression: '{a} = 1', html: hostile }, { expression: '{a} = 2', html: { ru: hostile } }],
    navigateToUrl: 'java\tscript:alert(1)',
    navigateToUrlOnCondition: [{ expression: 'true', url: 'javascript:alert(1)' }, { expression: 'false', url: 'https://example.org/?q={a}' }, { expression: '1', url: { default: 'https://example.org/', en: 'data:text/html,x' } }],
    pages: [{
      name: 'p1',
      elements: [
        { type: 'html', name: 'intro', html: hostile },
        { type: 'panel', name: 'box', elements: [{ type: 'html', name: 'deep', html: { default: hostile, en: hostile } }] },
        { type: 'paneldynamic', name: 'kids', templateElements: [{ type: 'html', name: 'per_kid', html: hostile }] },
        { type: 'flowpanel', name: 'flow', content: hostile, elements: [] },
        { type: 'text', name: 'a', title: 'Вопрос', description: '<b>описание</b>' },
      ],
    }],
  };
  const clean = '<b>видно</b>';

  it('cleans every HTML property at any depth, locale by locale, and keeps the rest of the form', () => {
    const places: HtmlPlace[] = [];
    const out = sanitiseFormJson(form, (html, place) => (places.push(place), sanitiseHtml(html).html)) as any;
    expect(out.completedHtml).toEqual({ default: clean, en: clean });
    expect(out.completedBeforeHtml).toBe(clean);
    expect(out.loadingHtml).toBe(clean);
    expect(out.completedHtmlOnCondition).toEqual([{ expression: '{a} = 1', html: clean }, { expression: '{a} = 2', html: { ru: clean } }]);
    const [intro, box, kids, flow, text] = out.pages[0].elements;
    expect(intro.html).toBe(clean);
    expect(box.elements[0].html).toEqual({ default: clean, en: clean });
    expect(kids.templateElements[0].html).toBe(clean);
    expect(flow.content).toBe(clean);
    expect(text).toEqual(form.pages[0].elements[4]);
    expect(out.title).toBe(form.title);
    expect(places.map((p) => p.path)).toEqual([
      'completedHtml.default', 'completedHtml.en', 'completedBeforeHtml', 'loadingHtml', 'completedHtmlOnCondition[0].html', 'completedHtmlOnCondition[1].html.ru',
      'pages[0].elements[0].html', 'pages[0].elements[1].elements[0].html.default', 'pages[0].elements[1].elements[0].html.en', 'pages[0].elements[2].templateElements[0].html', 'pages[0].elements[3].content',
    ]);
    expect(places.find((p) => p.path === 'pages[0].elements[0].html')).toMatchObject({ property: 'html', element: 'intro' });
    expect(places.find((p) => p.path === 'completedHtmlOnCondition[1].html.ru')).toMatchObject({ property: 'completedHtmlOnCondition', condition: 1, locale: 'ru' });
    expect(form.pages[0].elements[0].html, 'the input is not touched').toBe(hostile);
  });

  it('keeps only http(s) addresses to navigate to after completion', () => {
    const dropped: unknown[] = [];
    const out = sanitiseFormJson(form, (html) => html, (_, url) => dropped.push(url)) as any;
    expect(out).not.toHaveProperty('navigateToUrl');
    expect(out.navigateToUrlOnCondition).toEqual([{ expression: 'false', url: 'https://example.org/?q={a}' }, { expression: '1', url: { default: 'https://example.org/' } }]);
    expect(dropped).toEqual(['java\tscript:alert(1)', 'javascript:alert(1)', 'data:text/html,x']);
    expect([isHttpUrl('https://x.ru/'), isHttpUrl('HTTP://x.ru'), isHttpUrl(' javascript:1'), isHttpUrl('https:\\\\x'), isHttpUrl('/relative'), isHttpUrl(5)]).toEqual([true, true, false, false, false, false]);
  });

  it('turns each cleaned place into a Russian warning naming it', () => {
    const { warnings } = sanitiseFormMarkup(form);
    const messages = warnings.map((w) => w.message);
    expect(messages).toContain('Из HTML удалены небезопасные элементы: обработчик onerror, изображение не с этого сайта в вопросе intro');
    expect(messages).toContain('Из HTML удалены небезопасные элементы: обработчик onerror, изображение не с этого сайта в тексте после завершения по условию № 2 (completedHtmlOnCondition) (язык ru)');
    expect(messages).toContain('Удалён адрес перехода после завершения (navigateToUrl): допускаются только ссылки http:// и https://');
    expect(warnings).toHaveLength(14);
    expect(sanitiseFormMarkup({ pages: [{ name: 'p', elements: [{ type: 'html', name: 'ok', html: BENIGN[0] }] }] }).warnings).toEqual([]);
  });

  it('a "__proto__" key in a localised value stays data', () => {
    const out = sanitiseFormJson(JSON.parse('{"completedHtml":{"__proto__":"<b>x</b>","default":"y"}}'), (html) => html) as any;
    expect(Object.getPrototypeOf(out.completedHtml)).toBe(Object.prototype);
    expect(Object.keys(out.completedHtml)).toEqual(['__proto__', 'default']);
  });

  it('covers every property survey-core declares as HTML (a new one in an upgrade fails here)', () => {
    const declared = Serializer.getAllClasses().flatMap((c) => Serializer.getProperties(c).filter((p) => p.type === 'html').map((p) => `${c}.${p.name}`));
    expect([...new Set(declared)].sort()).toEqual(['flowpanel.content', 'html.html', 'htmlconditionitem.html', 'survey.completedBeforeHtml', 'survey.completedHtml', 'survey.loadingHtml']);
  });
});
