import { setLang, useLang } from '../../i18n/lang.ts';
import { useMessages } from '../../i18n/messages.ts';
import { staffMessages } from './staff.messages.ts';

/** One button that offers the other language, labelled in that language. */
export function LangSwitch() {
  const lang = useLang();
  const t = useMessages(staffMessages);
  const other = lang === 'ru' ? 'en' : 'ru';
  return (
    <button className="link-button lang" lang={other} translate="no" title={t.switchToTitle} data-testid="lang-switch" onClick={() => setLang(other)}>
      {t.switchTo}
    </button>
  );
}
