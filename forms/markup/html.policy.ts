// The one HTML policy for form markup. SurveyJS renders a few form properties as raw HTML
// (dangerouslySetInnerHTML in survey-react-ui), so a form JSON is a script-carrying document
// unless its markup is cleaned. The server cleans it when a form is saved (forms.markup.ts, over
// jsdom) and the browser cleans it again when a form is rendered (web/src/survey/safe-model.ts),
// both with this configuration and these hooks. Pure: the caller brings a DOMPurify bound to
// its own window, so neither jsdom nor the DOM is imported here.
import type { Config, DOMPurify } from 'dompurify';

/**
 * What analysts' markup may contain: text formatting, headings, lists, tables, links and
 * pictures. No forms, frames, SVG or MathML (mXSS lives in their parsing rules), no `style`
 * attribute and no `<style>`: the CSP must allow inline styles for SurveyJS's own `<style>`
 * elements (server/web/security.headers.ts), so a stored style could still lay a fake login
 * box over a staff page — script cannot run, but a click can be stolen. `id` and `name` are
 * left out too (DOM clobbering of the page's globals).
 */
export const HTML_POLICY = {
  ALLOWED_TAGS: [
    'p', 'br', 'hr', 'div', 'span', 'blockquote', 'pre', 'code',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'b', 'i', 'u', 's', 'strong', 'em', 'small', 'sub', 'sup', 'mark',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'a', 'img',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  ],
  ALLOWED_ATTR: ['href', 'src', 'alt', 'title', 'width', 'height', 'class', 'colspan', 'rowspan', 'target', 'rel'],
  // only href and src are URLs; without this DOMPurify would test width="100" against the URL rule
  ADD_URI_SAFE_ATTR: ['width', 'height', 'colspan', 'rowspan', 'target', 'rel'],
  // links: http(s), mailto, a same-origin path (not //host, not /\host, which browsers read as
  // //host) or a fragment. Tested after DOMPurify strips whitespace and control characters,
  // so "java&#x09;script:" and " javascript:" fail like the plain spelling.
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/(?![/\\])|#)/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // a leading <meta>, <base> or <style> would otherwise be parsed into <head> and dropped
  // without being recorded, and the author would not be told
  FORCE_BODY: true,
} satisfies Config;

/** What a hook took out, for the author's warning (DOMPurify's own removals are in `purify.removed`). */
export type HookRemoval = { tag: 'img'; attribute: 'src'; value: string };

// the characters DOMPurify (and the URL parser, for tab and newline) ignore inside a URL
const URL_IGNORED = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;
const SAME_ORIGIN_PATH = /^\/(?![/\\])/;
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/]+=*$/i;
const EXTERNAL_LINK = /^(?:https?:|mailto:)/i;

export const isSafeImageSource = (src: string) => {
  const compact = src.replace(URL_IGNORED, '');
  return SAME_ORIGIN_PATH.test(compact) || DATA_IMAGE.test(compact);
};

/** Absolute http(s) URL: the only kind survey-core may assign to window.location. */
export const isHttpUrl = (url: unknown): url is string => typeof url === 'string' && /^https?:\/\/[^/\\]/i.test(url.replace(URL_IGNORED, ''));

/**
 * Installs the policy's hooks on a DOMPurify instance (once per instance):
 * - an image must come from this site (a path) or be an inline png/jpeg/gif/webp; anything
 *   else is a request to somewhere else on the reader's behalf (the CSP's img-src would block
 *   it too, and the picture would show broken), so the whole <img> goes;
 * - an http(s)/mailto link opens in a new tab without a window.opener or a Referer.
 */
export function installHooks(purify: DOMPurify, onRemoved?: (removal: HookRemoval) => void) {
  purify.addHook('afterSanitizeAttributes', (node) => {
    const tag = node.nodeName.toLowerCase();
    if (tag === 'img') {
      const src = node.getAttribute('src') ?? '';
      if (!isSafeImageSource(src)) {
        node.remove();
        onRemoved?.({ tag: 'img', attribute: 'src', value: src });
      }
    } else if (tag === 'a' && EXTERNAL_LINK.test((node.getAttribute('href') ?? '').replace(URL_IGNORED, ''))) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

/** Where in a form a piece of HTML sits, for the warning that names it. */
export type HtmlPlace = {
  path: string;
  property: string;
  /** the `name` of the question, panel or page that owns the property */
  element?: string;
  /** index in completedHtmlOnCondition / navigateToUrlOnCondition */
  condition?: number;
  locale?: string;
};
export type Sanitise = (html: string, place: HtmlPlace) => string;

// Every property survey-core declares with the "html" type (Serializer: html question and
// htmlconditionitem `html`, survey `completedHtml`, `completedBeforeHtml`, `loadingHtml`,
// flowpanel `content`); tests/forms/markup/html-policy.test.ts checks this list against
// survey-core's metadata so that a new one in an upgrade fails a test. `html` is cleaned on
// any object, not only on type "html": an extra clean of a harmless string costs nothing.
const HTML_PROPERTIES = new Set(['html', 'completedHtml', 'completedBeforeHtml', 'loadingHtml']);
const isFlowPanel = (o: Record<string, unknown>) => typeof o.type === 'string' && o.type.toLowerCase() === 'flowpanel';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A cleaned deep copy of a SurveyJS form JSON: every HTML property at any depth goes through
 * `sanitise` (a localised value `{ default, ru, en }` locale by locale; a value that is neither
 * text nor a localisation is dropped), and `navigateToUrl` / `navigateToUrlOnCondition` keep
 * only absolute http(s) URLs: survey-core assigns the URL to window.location on completion,
 * and its own `javascript:` check is a substring test that "java\tscript:" passes.
 * `onUnsafeUrl` hears of each URL dropped.
 */
export function sanitiseFormJson<T>(json: T, sanitise: Sanitise, onUnsafeUrl?: (place: HtmlPlace, url: unknown) => void): T {
  const localised = (value: unknown, place: HtmlPlace): unknown => {
    if (typeof value === 'string') return sanitise(value, place);
    if (!isObject(value)) return undefined;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, text]) => typeof text === 'string')
        .map(([locale, text]) => [locale, sanitise(text as string, { ...place, path: `${place.path}.${locale}`, locale })]),
    );
  };
  // a localised URL keeps its safe locales; undefined when none is left
  const url = (value: unknown, place: HtmlPlace): unknown => {
    if (typeof value === 'string') return isHttpUrl(value) ? value : (onUnsafeUrl?.(place, value), undefined);
    if (!isObject(value)) return value === undefined ? undefined : (onUnsafeUrl?.(place, value), undefined);
    const kept = Object.entries(value).filter(([locale, u]) => isHttpUrl(u) || (onUnsafeUrl?.({ ...place, path: `${place.path}.${locale}`, locale }, u), false));
    return kept.length ? Object.fromEntries(kept) : undefined;
  };

  // `within`: the list an item belongs to (completedHtmlOnCondition[i]), for the place's name
  const walk = (value: unknown, path: string, within?: { property: string; condition: number }): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`));
    if (!isObject(value)) return value;
    const element = typeof value.name === 'string' ? value.name : undefined;
    const entries: [string, unknown][] = [];
    for (const [key, child] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      const place: HtmlPlace = { path: at, property: within?.property ?? key, element, condition: within?.condition };
      let out: unknown;
      if (HTML_PROPERTIES.has(key) || (key === 'content' && isFlowPanel(value))) out = localised(child, place);
      else if (key === 'navigateToUrl') out = url(child, place);
      // choices loaded from a URL would be fetched by the page of whoever opens the form, with
      // that person's session (a coordinator's, a staff member's): a form may not do that
      else if (key === 'choicesByUrl') out = (onUnsafeUrl?.(place, child), undefined);
      else if (key === 'navigateToUrlOnCondition' && Array.isArray(child)) {
        out = child.flatMap((item, i) => {
          if (!isObject(item)) return [];
          const safe = url(item.url, { path: `${at}[${i}].url`, property: key, condition: i });
          return safe === undefined ? [] : [{ ...(walk(item, `${at}[${i}]`) as object), url: safe }];
        });
      } else if (key === 'completedHtmlOnCondition' && Array.isArray(child)) {
        out = child.map((item, i) => walk(item, `${at}[${i}]`, { property: key, condition: i }));
      } else out = walk(child, at);
      if (out !== undefined) entries.push([key, out]);
    }
    // fromEntries defines own properties, so a "__proto__" key stays data and never a prototype
    return Object.fromEntries(entries);
  };
  return walk(json, '') as T;
}
