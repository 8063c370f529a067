// The activity log of account and organisation administration, in words: who did what to whom
// (or to which organisation) and when. Codes never reach the screen.
import { common } from '../../i18n/common.messages.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/lang.ts';
import { useMessages } from '../../i18n/messages.ts';
import { auditMessages } from './audit.messages.ts';
import { DataTable } from './DataTable.tsx';
import { useApi } from './useApi.ts';

type Person = { id: string; email: string; name: string } | null;
type Entry = { id: string; at: string; action: string; details: Record<string, unknown>; actor: Person; target: Person; organisation: string };
type Change = { old: unknown; new: unknown };

const LIMIT = 200;

export default function AuditPage() {
  const t = useMessages(auditMessages);
  const c = useMessages(common);
  const lang = useLang();
  const { data, error } = useApi<Entry[]>(`/api/audit?limit=${LIMIT}`);
  const isOrganisation = (e: Entry) => e.action.startsWith('organisation.');
  // codes (role, type, settlement) become words; names and organisations are as they were at the time
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return c.none;
    const s = String(v);
    if (field === 'role') return c.role[s] ?? s;
    if (field === 'type') return t.orgType[s] ?? s;
    if (field === 'settlement') return c.settlement[s] ?? s;
    return s;
  };
  const fieldName = (e: Entry, field: string) => (isOrganisation(e) && field === 'name' ? t.orgName : t.field[field] ?? field);
  const details = (e: Entry): string | null => {
    const d = e.details;
    if (d.changes && typeof d.changes === 'object') {
      return Object.entries(d.changes as Record<string, Change>).map(([field, ch]) => t.change(fieldName(e, field), value(field, ch.old), value(field, ch.new))).join('; ') || null;
    }
    if (e.action === 'user.create') {
      const created = t.created(value('role', d.role), String(d.organisation ?? e.organisation));
      return d.invited ? `${created}; ${t.invited}` : created;
    }
    if (e.action === 'organisation.create') return t.orgCreated(c.level[String(d.level)] ?? c.none, String(d.code ?? c.none));
    if (e.action === 'organisation.import' && typeof d.count === 'number') return t.imported(d.count);
    return null;
  };
  const whom = (e: Entry) => (isOrganisation(e) ? e.organisation : e.target ? `${e.target.name} ${e.target.email}` : t.deleted);
  return (
    <section>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      {error && <p className="error" role="alert">{error}</p>}
      {data && data.length === 0 && <p>{t.empty}</p>}
      {data && data.length > 0 && (
        <DataTable id="audit" rows={data} rowKey={(e) => e.id} columns={[
          { key: 'at', title: t.colWhen, value: (e) => e.at, className: () => 'nowrap', render: (e) => formatDateTime(lang, e.at) },
          { key: 'who', title: t.colWho, value: (e) => (e.actor ? e.actor.name : t.system) },
          { key: 'action', title: t.colAction, value: (e) => t.action[e.action] ?? t.otherAction },
          { key: 'whom', title: t.colWhom, value: whom, render: (e) => (!isOrganisation(e) && e.target ? <>{e.target.name}<br /><span className="muted small">{e.target.email}</span></> : whom(e)) },
          { key: 'details', title: t.colDetails, value: details },
        ]} />
      )}
    </section>
  );
}
