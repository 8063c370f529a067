// Russian mail texts, plain and HTML. Every value that reaches HTML is escaped.
const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export type Rendered = { subject: string; text: string; html: string };

function render(subject: string, lines: (string | { link: string; label: string })[]): Rendered {
  const text = lines.map((l) => (typeof l === 'string' ? l : `${l.label}: ${l.link}`)).join('\n\n');
  const html = lines.map((l) => (typeof l === 'string' ? `<p>${esc(l)}</p>` : `<p><a href="${esc(l.link)}">${esc(l.label)}</a></p>`)).join('\n');
  return { subject, text: `${text}\n\n—\nМониторинг качества образования`, html: `<!doctype html><html lang="ru"><body style="font-family:Arial,sans-serif">${html}<p style="color:#777">Мониторинг качества образования</p></body></html>` };
}

type Base = { institution: string; campaign: string; deadline: string; link: string };

export function selfReportReminder(v: Base & { late: boolean }): Rendered {
  return render(`${v.late ? 'Срок истёк' : 'Напоминание'}: ${v.campaign}`, [
    'Здравствуйте!',
    v.late
      ? `Срок сдачи отчёта «${v.campaign}» для организации «${v.institution}» истёк ${v.deadline} (местное время), а отчёт не отправлен. Если нужно продлить срок, обратитесь в управление образования.`
      : `Отчёт «${v.campaign}» для организации «${v.institution}» ещё не отправлен. Срок: ${v.deadline} (местное время). Черновик сохраняется автоматически.`,
    { link: v.link, label: 'Открыть отчёт' },
  ]);
}

export function surveyReminder(v: Base & { rate: number | null; target: number; completed: number; expected: number; qr: string }): Rendered {
  return render(`Напоминание: ${v.campaign} — отклик ${v.rate ?? 0} %`, [
    'Здравствуйте!',
    `В опросе «${v.campaign}» по организации «${v.institution}» ответили ${v.completed} из ${v.expected} (${v.rate ?? 0} %), цель — ${v.target} %. Опрос открыт до ${v.deadline} (местное время).`,
    'Пожалуйста, ещё раз поделитесь ссылкой с родителями (в чате класса, на собрании):',
    { link: v.link, label: 'Ссылка на опрос' },
    { link: v.qr, label: 'QR-код для печати' },
  ]);
}

// A personal invitation's token stands in the stored mail as this placeholder: the outbox table
// and the outbox page never hold a link that answers as the parent; the sender fills it in.
export const INVITATION_TOKEN = '__INVITATION_TOKEN__';
export const invitationLinks = (surveyUrl: string, publicCode: string | null) => ({
  link: `${surveyUrl}/s/${publicCode}?t=${INVITATION_TOKEN}`,
  unsubscribe: `${surveyUrl}/api/public/unsubscribe?t=${INVITATION_TOKEN}`,
});

export function invitation(v: Base & { unsubscribe: string; reminder: boolean }): Rendered {
  return render(`${v.reminder ? 'Напоминание: ' : ''}${v.campaign}`, [
    'Здравствуйте!',
    `${v.institution} приглашает вас ответить на анонимный опрос «${v.campaign}». Это займёт 2–3 минуты. Ответы принимаются до ${v.deadline} (местное время).`,
    { link: v.link, label: 'Ответить на опрос' },
    'Ссылка личная и действует один раз. Ваш адрес не хранится рядом с ответами.',
    { link: v.unsubscribe, label: 'Больше не присылать напоминания' },
  ]);
}

export function digest(v: { municipality: string; campaign: string; deadline: string; link: string; rows: { institution: string; state: string }[] }): Rendered {
  return render(`Сводка: ${v.campaign} — отстают ${v.rows.length}`, [
    `Сбор «${v.campaign}», срок ${v.deadline}. ${v.municipality}: отстают организаций — ${v.rows.length}.`,
    ...v.rows.map((r) => `• ${r.institution}: ${r.state}`),
    { link: v.link, label: 'Открыть панель отклика' },
  ]);
}

// The link of an account mail carries a secret: the stored mail holds this placeholder and the
// sender puts the link in at send time, so the outbox table never holds a usable link.
export const SECRET_LINK = '__SECRET_LINK__';

export function passwordMail(v: { name: string; kind: 'reset' | 'welcome' | 'forced'; hours: number }): Rendered {
  const lead = {
    reset: 'Кто-то (возможно, вы) попросил сбросить пароль к вашей учётной записи. Если это были не вы, просто не открывайте ссылку: пароль останется прежним.',
    welcome: 'Для вас создана учётная запись в системе мониторинга качества образования. Чтобы войти, установите пароль.',
    forced: 'Администратор сбросил пароль вашей учётной записи, все сеансы завершены. Чтобы снова войти, установите новый пароль.',
  }[v.kind];
  return render(v.kind === 'welcome' ? 'Учётная запись создана: установите пароль' : 'Сброс пароля', [
    `Здравствуйте, ${v.name}!`,
    lead,
    { link: SECRET_LINK, label: 'Установить пароль' },
    `Ссылка действует ${v.hours} ч и только один раз.`,
  ]);
}
