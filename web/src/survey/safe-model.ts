// Every SurveyJS model in the web app is made here, so that no form markup reaches the page
// uncleaned. The server already cleans a form when it is saved (server/forms/forms.markup.ts);
// this is the second pass, for forms stored before that existed and — the part only the page
// can do — for respondents' answers that survey-core substitutes into the markup: processHtml
// fires onProcessHtml BEFORE it replaces {question} with the typed value, so an answer
// "<img src=x onerror=…>" would arrive live in completedHtml. Its output is cleaned here.
import DOMPurify from 'dompurify';
import { Model } from 'survey-core';
import { HTML_POLICY, installHooks, isHttpUrl, sanitiseFormJson } from '../../../forms/markup/html.policy.ts';

// an instance of our own: the policy's hooks stay off any other DOMPurify user on the page
const purify = DOMPurify(window);
installHooks(purify);

/** Cleans one piece of HTML with the shared policy (also for `completedHtml` kept on the device). */
export const sanitiseHtml = (html: string): string => purify.sanitize(html, HTML_POLICY);

export function createSafeModel(json: unknown): Model {
  const model = new Model(sanitiseFormJson(json, sanitiseHtml));
  const processHtml = model.processHtml.bind(model);
  model.processHtml = (html: string, reason?: string) => sanitiseHtml(processHtml(html, reason));
  // titles, descriptions and choices are shown as text because no onTextMarkdown handler is
  // registered; should one ever be, its HTML is cleaned too instead of going in raw
  const markdown = model.getSurveyMarkdownHtml.bind(model);
  model.getSurveyMarkdownHtml = (element, text, name, item) => {
    const html = markdown(element, text, name, item);
    return html ? sanitiseHtml(html) : html;
  };
  // the URL is checked after {question} substitution too, just before survey-core assigns it
  // to window.location
  model.onNavigateToUrl.add((_, options) => {
    if (!isHttpUrl(options.url)) options.allow = false;
  });
  return model;
}
