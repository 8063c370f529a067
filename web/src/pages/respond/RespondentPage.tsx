import { useEffect, useMemo, useRef, useState } from 'react';
import 'survey-core/i18n/russian';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import { createSafeModel, sanitiseHtml } from '../../survey/safe-model.ts';
import { done, drafts, newId, outbox, refused, send, type Done } from './respond.storage.ts';

type PublicForm = {
  code: string; state: 'open' | 'closed' | 'not_open'; campaign: string; institution: string; kind: string; invitation: 'valid' | 'used' | 'invalid' | null;
  opensAt: string; deadlineLocal: string; json: Record<string, unknown> | null;
};
type View =
  | { kind: 'loading' }
  | { kind: 'unknown' }
  | { kind: 'offline' }
  | { kind: 'form'; form: PublicForm }
  | { kind: 'queued' }
  | { kind: 'thanks'; done: Done }
  | { kind: 'refused'; message: string };

const TEXT = {
  ru: { invalid: 'Эта личная ссылка недействительна', invalidHint: 'Срок её действия истёк или адрес скопирован не полностью. Попросите организацию прислать ссылку ещё раз.', refused: 'Ответ не принят', refusedHint: 'Ваши ответы не потеряны: они сохранены на этом телефоне.', refusedBack: 'Вернуться к ответам', used: 'Эта личная ссылка уже использована', usedHint: 'По ней уже отправлен ответ. Спасибо!', unknown: 'Ссылка не найдена', unknownHint: 'Проверьте адрес или отсканируйте QR-код ещё раз.', closed: 'Опрос завершён', closedHint: 'Ответы больше не принимаются. Спасибо за интерес!', notOpen: 'Опрос ещё не начался', notOpenHint: 'Он откроется', queued: 'Ответ сохранён на этом телефоне', queuedHint: 'Сейчас нет связи с интернетом. Ответ отправится сам, как только связь появится — страницу можно закрыть.', thanks: 'Спасибо! Ответ отправлен.', again: 'Ответить ещё раз (например, за другого ребёнка)', offline: 'Нет связи с интернетом', offlineHint: 'Откройте ссылку, когда появится связь.', until: 'Ответы принимаются до', lang: 'English' },
  en: { invalid: 'This personal link is not valid', invalidHint: 'It has expired or the address was not copied in full. Ask the institution to send the link again.', refused: 'The answer was not accepted', refusedHint: 'Your answers are not lost: they are kept on this phone.', refusedBack: 'Back to my answers', used: 'This personal link has already been used', usedHint: 'An answer has already been sent through it. Thank you!', unknown: 'Link not found', unknownHint: 'Check the address or scan the QR code again.', closed: 'The survey is closed', closedHint: 'Answers are no longer accepted.', notOpen: 'The survey has not started yet', notOpenHint: 'It opens on', queued: 'Your answer is saved on this phone', queuedHint: 'There is no connection now. It will be sent automatically when the connection is back; you may close the page.', thanks: 'Thank you! Your answer has been sent.', again: 'Answer again (e.g. for another child)', offline: 'No internet connection', offlineHint: 'Open the link again when you are online.', until: 'Answers accepted until', lang: 'Русский' },
};

async function flushOutbox(code: string, onSent: (d: Done) => void, onRefused: (message: string) => void) {
  for (const item of outbox.all().filter((q) => q.code === code)) {
    const sent = await send(item);
    if (!sent.ok && !sent.retry) onRefused(sent.message);
    if (sent.ok) {
      const prev = done.get(code);
      const value = { id: item.id, result: sent.result, html: prev?.id === item.id ? prev.html : undefined };
      done.save(code, value);
      onSent(value);
    }
  }
}

// a personal invitation's token travels in ?t= and goes with the answer; it is used once
const token = new URLSearchParams(location.search).get('t') ?? undefined;

export default function RespondentPage({ code }: { code: string }) {
  const [lang, setLang] = useState<'ru' | 'en'>('ru');
  const t = TEXT[lang];
  const [view, setView] = useState<View>({ kind: 'loading' });

  useEffect(() => {
    if (!code) return setView({ kind: 'unknown' });
    const finished = done.get(code);
    if (finished && !drafts.get(code)) setView({ kind: 'thanks', done: finished });
    const kept = refused.get(code);
    if (kept) setView({ kind: 'refused', message: kept.message });
    if (outbox.all().some((q) => q.code === code)) setView({ kind: 'queued' });
    fetch(`/api/public/s/${code}${token ? `?t=${encodeURIComponent(token)}` : ''}`)
      .then(async (res) => {
        if (res.status === 404) return setView({ kind: 'unknown' });
        if (!res.ok) throw new Error(String(res.status));
        const form = (await res.json()) as PublicForm;
        setView((v) => (v.kind === 'loading' ? { kind: 'form', form } : v));
      })
      .catch(() => setView((v) => (v.kind === 'loading' ? { kind: 'offline' } : v)));
  }, [code]);

  // queued answers go out when the connection returns (and on every visit)
  useEffect(() => {
    if (!code) return;
    const flush = () => flushOutbox(code, (d) => setView({ kind: 'thanks', done: d }), (message) => setView({ kind: 'refused', message }));
    flush();
    window.addEventListener('online', flush);
    const timer = setInterval(flush, 15_000);
    return () => {
      window.removeEventListener('online', flush);
      clearInterval(timer);
    };
  }, [code]);

  const header = (
    <header className="respond-header">
      <button className="link-button" onClick={() => setLang(lang === 'ru' ? 'en' : 'ru')} lang={lang === 'ru' ? 'en' : 'ru'}>{t.lang}</button>
    </header>
  );
  const page = (title: string, hint: string, extra?: React.ReactNode) => (
    <main className="respond-page">{header}<div className="notice" role="status"><h1>{title}</h1><p>{hint}</p>{extra}</div></main>
  );

  switch (view.kind) {
    case 'loading':
      return <main className="respond-page"><p className="loading">Загрузка…</p></main>;
    case 'unknown':
      return page(t.unknown, t.unknownHint);
    case 'offline':
      return page(t.offline, t.offlineHint);
    case 'queued':
      return page(t.queued, t.queuedHint);
    case 'refused':
      // the answers are kept: the respondent can take them back into the form (e.g. after the
      // school sends a new link) instead of typing everything again
      return page(t.refused, `${view.message.replace(/[.\s]+$/, "")}. ${t.refusedHint}`, <button className="secondary" onClick={() => {
        const kept = refused.get(code);
        if (kept) drafts.save(code, { id: newId(), data: kept.data, page: 0 });
        refused.clear(code);
        done.clear(code);
        location.reload();
      }}>{t.refusedBack}</button>);
    case 'thanks':
      // a diagnostic's own result page already thanks the student and is the point of the visit
      if (view.done.html) return <main className="respond-page">{header}<div className="notice result" role="status" dangerouslySetInnerHTML={{ __html: sanitiseHtml(view.done.html) }} /></main>;
      return page(t.thanks, '', <button className="secondary" onClick={() => { done.clear(code); location.reload(); }}>{t.again}</button>);
    case 'form': {
      const { form } = view;
      if (form.state === 'closed') return page(t.closed, t.closedHint);
      if (form.invitation === 'used') return page(t.used, t.usedHint);
      if (form.invitation === 'invalid') return page(t.invalid, t.invalidHint);
      if (form.state === 'not_open') return page(t.notOpen, `${t.notOpenHint} ${form.opensAt}`);
      return (
        <main className="respond-page">
          {header}
          <p className="respond-meta">{form.institution} · {t.until} {form.deadlineLocal}</p>
          <SurveyRunner code={code} form={form} lang={lang} onQueued={() => setView({ kind: 'queued' })} onDone={(d) => setView({ kind: 'thanks', done: d })} onRefused={(message) => setView({ kind: 'refused', message })} />
        </main>
      );
    }
  }
}

function SurveyRunner({ code, form, lang, onQueued, onDone, onRefused }: {
  code: string; form: PublicForm; lang: 'ru' | 'en'; onQueued: () => void; onDone: (d: Done) => void; onRefused: (message: string) => void;
}) {
  const started = useRef(false);
  const model = useMemo(() => {
    const m = createSafeModel(form.json);
    m.locale = 'ru';
    m.showCompletedPage = false;
    const draft = drafts.get(code) ?? { id: newId(), data: {}, page: 0 };
    m.data = draft.data;
    if (draft.page > 0 && draft.page < m.visiblePages.length) m.currentPageNo = draft.page;
    const save = () => drafts.save(code, { id: draft.id, data: m.data, page: m.currentPageNo });
    m.onValueChanged.add(() => {
      save();
      if (!started.current && !localStorage.getItem(`started:${code}`)) {
        started.current = true;
        localStorage.setItem(`started:${code}`, '1');
        fetch(`/api/public/s/${code}/start`, { method: 'POST' }).catch(() => {});
      }
    });
    m.onCurrentPageChanged.add(save);
    m.onComplete.add(async (sender) => {
      const data = { ...sender.data };
      for (const c of sender.calculatedValues) delete data[c.name];
      const html = form.kind === 'student_diagnostic' ? sender.processedCompletedHtml : undefined;
      outbox.add({ code, id: draft.id, data, token, queuedAt: new Date().toISOString() });
      drafts.clear(code);
      done.save(code, { id: draft.id, html });
      const item = outbox.all().find((q) => q.id === draft.id)!;
      const sent = await send(item);
      if (sent.ok) onDone({ id: draft.id, result: sent.result, html });
      else if (sent.retry) onQueued();
      else onRefused(sent.message);
    });
    return m;
  }, [code, form]);
  useEffect(() => {
    model.locale = lang === 'ru' ? 'ru' : '';
  }, [model, lang]);
  return <Survey model={model} />;
}
