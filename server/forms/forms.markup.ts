// Form markup is cleaned when a form is saved: what is stored and served is already inert,
// whichever client renders it. DOMPurify runs over one jsdom window made once at start
// (sanitize is synchronous and resets its `removed` list per call, so sharing it is safe). The
// browser cleans again at render (web/src/survey/safe-model.ts), for forms stored before this
// existed and for answers that survey-core substitutes into the markup.
import DOMPurify, { type RemovedAttribute, type RemovedElement, type WindowLike } from 'dompurify';
import { JSDOM } from 'jsdom';
import { HTML_POLICY, installHooks, sanitiseFormJson, type HookRemoval, type HtmlPlace } from '../../forms/markup/html.policy.ts';

const purify = DOMPurify(new JSDOM('').window as unknown as WindowLike);
let hookRemovals: HookRemoval[] = [];
installHooks(purify, (removal) => hookRemovals.push(removal));

const IMAGE = 'изображение не с этого сайта';

function describe(removal: RemovedElement | RemovedAttribute): string | undefined {
  if ('element' in removal) {
    const tag = removal.element.nodeName.toLowerCase();
    // FORCE_BODY's own marker; the <body> DOMPurify parses into and walks from (reported because
    // the policy does not list it, yet only its children are returned); comments
    if (tag === 'remove' || tag === 'body' || tag.startsWith('#')) return undefined;
    return `элемент <${tag}>`;
  }
  const name = removal.attribute?.name.toLowerCase() ?? '';
  const tag = removal.from.nodeName.toLowerCase();
  if (name.startsWith('on')) return `обработчик ${name}`;
  if (tag === 'img' && name === 'src') return IMAGE;
  if (name === 'href' || name === 'src') return `адрес ${name} у <${tag}>`;
  return `атрибут ${name} у <${tag}>`;
}

/** Cleans one piece of HTML; `removed` names, in Russian, what went (empty when nothing did). */
export function sanitiseHtml(html: string): { html: string; removed: string[] } {
  hookRemovals = [];
  const clean = purify.sanitize(html, HTML_POLICY);
  const removed = [...purify.removed.map(describe), ...hookRemovals.map(() => IMAGE)].filter((d): d is string => !!d);
  return { html: clean, removed: [...new Set(removed)] };
}

function where(place: HtmlPlace): string {
  const locale = place.locale && place.locale !== 'default' ? ` (язык ${place.locale})` : '';
  const at = (() => {
    switch (place.property) {
      case 'completedHtml': return 'в тексте после завершения (completedHtml)';
      case 'completedHtmlOnCondition': return `в тексте после завершения по условию № ${(place.condition ?? 0) + 1} (completedHtmlOnCondition)`;
      case 'completedBeforeHtml': return 'в тексте для уже ответивших (completedBeforeHtml)';
      case 'loadingHtml': return 'в тексте загрузки (loadingHtml)';
      case 'content': return `в панели ${place.element ?? place.path}`;
      default: return place.element ? `в вопросе ${place.element}` : `в поле ${place.path}`;
    }
  })();
  return at + locale;
}

export type MarkupWarning = { rule: string; message: string; path: string };

/** The form JSON as it will be stored, and one warning per place where something was taken out. */
export function sanitiseFormMarkup<T>(json: T): { json: T; warnings: MarkupWarning[] } {
  const warnings: MarkupWarning[] = [];
  const clean = sanitiseFormJson(
    json,
    (html, place) => {
      const result = sanitiseHtml(html);
      if (result.removed.length) warnings.push({ rule: 'markup.unsafe_html', message: `Из HTML удалены небезопасные элементы: ${result.removed.join(', ')} ${where(place)}`, path: place.path });
      return result.html;
    },
    (place) => {
      if (place.property === 'choicesByUrl') {
        warnings.push({ rule: 'markup.choices_by_url', message: `Удалена загрузка вариантов ответа по адресу (choicesByUrl)${place.element ? ` в вопросе ${place.element}` : ''}: варианты задаются в самой форме`, path: place.path });
        return;
      }
      const name = place.property === 'navigateToUrl' ? 'navigateToUrl' : `navigateToUrlOnCondition № ${(place.condition ?? 0) + 1}`;
      warnings.push({ rule: 'markup.unsafe_url', message: `Удалён адрес перехода после завершения (${name}${place.locale ? `, язык ${place.locale}` : ''}): допускаются только ссылки http:// и https://`, path: place.path });
    },
  );
  return { json: clean, warnings };
}
