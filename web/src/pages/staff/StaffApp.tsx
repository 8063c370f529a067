import { lazy, Suspense, useEffect } from 'react';
import { api } from '../../api.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import LoginPage from '../login/LoginPage.tsx';
import { useSession, type Me } from './session.ts';
import { useMessages } from '../../i18n/messages.ts';
import { common } from '../../i18n/common.messages.ts';
import { staffMessages } from './staff.messages.ts';
import { LangSwitch } from './LangSwitch.tsx';

const SchoolPage = lazy(() => import('../school/SchoolPage.tsx'));
const ReportPage = lazy(() => import('../school/ReportPage.tsx'));
const CataloguePage = lazy(() => import('../dept/CataloguePage.tsx'));
const BuilderPage = lazy(() => import('../dept/BuilderPage.tsx'));
const CampaignsPage = lazy(() => import('../dept/CampaignsPage.tsx'));
const CampaignPage = lazy(() => import('../dept/CampaignPage.tsx'));
const IndicatorsPage = lazy(() => import('../dept/IndicatorsPage.tsx'));
const MailsPage = lazy(() => import('../dept/MailsPage.tsx'));
const ImportsPage = lazy(() => import('../dept/ImportsPage.tsx'));
const OrganisationsPage = lazy(() => import('../dept/OrganisationsPage.tsx'));
const UsersPage = lazy(() => import('../dept/UsersPage.tsx'));
const AuditPage = lazy(() => import('../dept/AuditPage.tsx'));
const AccountPage = lazy(() => import('../account/AccountPage.tsx'));
const ForgotPasswordPage = lazy(() => import('../login/ForgotPasswordPage.tsx'));
const ResetPasswordPage = lazy(() => import('../login/ResetPasswordPage.tsx'));

type Role = Me['role'];
const STAFF: Role[] = ['admin', 'analyst', 'viewer'];
const MANAGERS: Role[] = ['admin', 'analyst'];
type StaffPage = { match: RegExp; roles: Role[]; nav?: keyof typeof staffMessages.ru; href?: string; render: (me: Me, id?: string) => React.ReactNode };

// Which role may use which page: the menu offers exactly these, and an address opened by a role
// not listed answers «Нет доступа». Mirrors the server's access lists (config.access of the routes).
const PAGES: StaffPage[] = [
  { match: /^\/school\/report\/([0-9a-f-]{36})$/, roles: ['coordinator'], render: (_, id) => <ReportPage id={id!} /> },
  { match: /^\/school/, roles: ['coordinator'], nav: 'myAssignments', href: '/school', render: () => <SchoolPage /> },
  { match: /^\/dept\/campaigns\/([0-9a-f-]{36})$/, roles: STAFF, render: (me, id) => <CampaignPage id={id!} me={me} /> },
  { match: /^\/dept\/campaigns/, roles: STAFF, nav: 'collection', href: '/dept/campaigns', render: (me) => <CampaignsPage me={me} /> },
  { match: /^\/dept\/indicators/, roles: STAFF, nav: 'indicators', href: '/dept/indicators', render: (me) => <IndicatorsPage me={me} /> },
  { match: /^\/dept\/catalogue/, roles: STAFF, nav: 'catalogue', href: '/dept/catalogue', render: () => <CataloguePage /> },
  { match: /^\/dept\/builder/, roles: MANAGERS, nav: 'builder', href: '/dept/builder', render: () => <BuilderPage /> },
  { match: /^\/dept\/mails/, roles: MANAGERS, nav: 'mails', href: '/dept/mails', render: () => <MailsPage /> },
  { match: /^\/dept\/imports/, roles: MANAGERS, nav: 'imports', href: '/dept/imports', render: () => <ImportsPage /> },
  { match: /^\/dept\/organisations/, roles: STAFF, nav: 'organisations', href: '/dept/organisations', render: (me) => <OrganisationsPage me={me} /> },
  { match: /^\/dept\/users/, roles: MANAGERS, nav: 'users', href: '/dept/users', render: (me) => <UsersPage me={me} /> },
  { match: /^\/dept\/audit/, roles: MANAGERS, nav: 'audit', href: '/dept/audit', render: () => <AuditPage /> },
  { match: /^\/account$/, roles: ['admin', 'analyst', 'viewer', 'coordinator'], render: (me) => <AccountPage me={me} /> },
];

// pages reached without a session (a reset link opens in whatever state the browser is in)
const PUBLIC_PAGES: Record<string, React.ComponentType> = { '/forgot-password': ForgotPasswordPage, '/reset-password': ResetPasswordPage };

export default function StaffApp() {
  const { me, setMe } = useSession();
  const { path } = useLocation();
  const t = useMessages(staffMessages);
  const c = useMessages(common);

  useEffect(() => {
    if (PUBLIC_PAGES[path]) return;
    if (me === null && path !== '/login') navigate('/login?next=' + encodeURIComponent(path), true);
    if (me && (path === '/' || path === '/login')) navigate(me.role === 'coordinator' ? '/school' : '/dept/campaigns', true);
  }, [me, path]);

  const Public = PUBLIC_PAGES[path];
  if (Public) return <Suspense fallback={<p className="loading">{c.loading}</p>}><Public /></Suspense>;
  if (me === undefined) return <p className="loading">{c.loading}</p>;
  if (me === null) return <LoginPage onLogin={setMe} />;

  const logout = async () => {
    await api('/api/auth/logout', { method: 'POST' });
    setMe(null);
  };
  const allowed = (page: StaffPage) => page.roles.includes(me.role);
  const route = (): React.ReactNode => {
    for (const page of PAGES) {
      const m = page.match.exec(path);
      if (!m) continue;
      // a page the role may not use says so, rather than rendering and failing on 403
      if (!allowed(page)) return <p className="error" role="alert" data-testid="no-access">{t.noAccess} <Link to="/">{t.home}</Link></p>;
      return page.render(me, m[1]);
    }
    return <p>{t.notFound} <Link to="/">{t.home}</Link></p>;
  };
  return (
    <div className="staff">
      <header className="topbar">
        <strong>{c.appTitle}</strong>
        <nav>
          {PAGES.filter((p) => p.nav && allowed(p)).map((p) => <Link key={p.nav} to={p.href!}>{t[p.nav!]}</Link>)}
        </nav>
        <span className="who" data-testid="who"><Link to="/account" className="account-link">{me.name}</Link> · {c.role[me.role]} · {me.organisation.name}</span>
        <LangSwitch />
        <button className="link-button" onClick={logout}>{t.logout}</button>
      </header>
      <main className="content">
        <Suspense fallback={<p className="loading">{c.loading}</p>}>{route()}</Suspense>
      </main>
    </div>
  );
}
