// Labels for the domain's fixed vocabularies, shared by the school portal and the department
// workspace: statuses, audiences, roles, kinds of institution, periods.
import { defineMessages } from './messages.ts';

const ru = {
  appTitle: 'Мониторинг качества образования',
  loading: 'Загрузка…',
  none: '—',
  yes: 'да',
  no: 'нет',
  all: 'все',
  // the empty first option of a required select
  choose: '— выберите —',
  of: (done: number, total: number) => `${done} из ${total}`,
  percent: (v: number | string) => `${v} %`,
  status: { not_started: 'не начат', draft: 'черновик', submitted: 'отправлен', returned: 'возвращён на доработку', accepted: 'принят' } as Record<string, string>,
  audience: { institution: 'отчёт организации', parents: 'опрос родителей', students: 'диагностика обучающихся' } as Record<string, string>,
  role: { admin: 'администратор', analyst: 'аналитик МОУО', coordinator: 'координатор ОО', viewer: 'наблюдатель региона' } as Record<string, string>,
  kind: { school: 'школы', kindergarten: 'детские сады', supplementary: 'доп. образование' } as Record<string, string>,
  kindOne: { school: 'школа', kindergarten: 'детский сад', supplementary: 'доп. образование' } as Record<string, string>,
  level: { root: 'корень', region: 'регион', municipality: 'муниципалитет', institution: 'организация' } as Record<string, string>,
  settlement: { urban: 'город', rural: 'село' } as Record<string, string>,
  campaignState: { scheduled: 'запланирован', open: 'идёт', closed: 'завершён' } as Record<string, string>,
  periodKind: { school_year: 'учебный год', year: 'календарный год', quarter: 'квартал', month: 'месяц', term: 'четверть / триместр', half_year: 'полугодие', season: 'сезон', date: 'на дату' } as Record<string, string>,
  formKind: { self_report: 'отчёт организации', parent_survey: 'опрос родителей', student_diagnostic: 'диагностика обучающихся' } as Record<string, string>,
  zone: { green: 'зелёная', yellow: 'жёлтая', red: 'красная' } as Record<string, string>,
};

export const common = defineMessages(ru, {
  appTitle: 'Education quality monitoring',
  loading: 'Loading…',
  none: '—',
  yes: 'yes',
  no: 'no',
  all: 'all',
  choose: '— choose —',
  of: (done: number, total: number) => `${done} of ${total}`,
  percent: (v: number | string) => `${v}%`,
  status: { not_started: 'not started', draft: 'draft', submitted: 'submitted', returned: 'returned for correction', accepted: 'accepted' },
  audience: { institution: 'institution self-report', parents: 'parent survey', students: 'student diagnostic' },
  role: { admin: 'administrator', analyst: 'department analyst', coordinator: 'school coordinator', viewer: 'regional viewer' },
  kind: { school: 'schools', kindergarten: 'kindergartens', supplementary: 'supplementary education' },
  kindOne: { school: 'school', kindergarten: 'kindergarten', supplementary: 'supplementary education' },
  level: { root: 'root', region: 'region', municipality: 'municipality', institution: 'institution' },
  settlement: { urban: 'urban', rural: 'rural' },
  campaignState: { scheduled: 'scheduled', open: 'open', closed: 'closed' },
  periodKind: { school_year: 'school year', year: 'calendar year', quarter: 'quarter', month: 'month', term: 'school term', half_year: 'half-year', season: 'season', date: 'snapshot date' },
  formKind: { self_report: 'institution self-report', parent_survey: 'parent survey', student_diagnostic: 'student diagnostic' },
  zone: { green: 'green', yellow: 'yellow', red: 'red' },
});
