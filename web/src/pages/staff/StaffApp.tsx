import { lazy, Suspense, useEffect } from 'react';
import { api } from '../../api.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import LoginPage from '../login/LoginPage.tsx';
import { useSession } from './session.ts';
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
  const staff = me.role !== 'coordinator';
  const manager = me.role === 'admin' || me.role === 'analyst';
  const route = (): React.ReactNode => {
    let m: RegExpExecArray | null;
    if ((m = /^\/school\/report\/([0-9a-f-]{36})$/.exec(path))) return <ReportPage id={m[1]} />;
    if (path.startsWith('/school')) return <SchoolPage />;
    if ((m = /^\/dept\/campaigns\/([0-9a-f-]{36})$/.exec(path))) return <CampaignPage id={m[1]} me={me} />;
    if (path.startsWith('/dept/campaigns')) return <CampaignsPage me={me} />;
    if (path.startsWith('/dept/catalogue')) return <CataloguePage />;
    if (path.startsWith('/dept/builder')) return <BuilderPage />;
    if (path.startsWith('/dept/indicators')) return <IndicatorsPage me={me} />;
    if (path.startsWith('/dept/mails')) return <MailsPage />;
    if (path.startsWith('/dept/imports')) return <ImportsPage />;
    if (path.startsWith('/dept/organisations')) return <OrganisationsPage me={me} />;
    if (path.startsWith('/dept/users')) return <UsersPage me={me} />;
    if (path.startsWith('/dept/audit') && manager) return <AuditPage />;
    if (path === '/account') return <AccountPage me={me} />;
    return <p>{t.notFound} <Link to="/">{t.home}</Link></p>;
  };
  return (
    <div className="staff">
      <header className="topbar">
        <strong>{c.appTitle}</strong>
        <nav>
          {me.role === 'coordinator' && <Link to="/school">{t.myAssignments}</Link>}
          {staff && <Link to="/dept/campaigns">{t.collection}</Link>}
          {staff && <Link to="/dept/indicators">{t.indicators}</Link>}
          {staff && <Link to="/dept/catalogue">{t.catalogue}</Link>}
          {(me.role === 'admin' || me.role === 'analyst') && <Link to="/dept/builder">{t.builder}</Link>}
          {(me.role === 'admin' || me.role === 'analyst') && <Link to="/dept/mails">{t.mails}</Link>}
          {(me.role === 'admin' || me.role === 'analyst') && <Link to="/dept/imports">{t.imports}</Link>}
          {staff && <Link to="/dept/organisations">{t.organisations}</Link>}
          {(me.role === 'admin' || me.role === 'analyst') && <Link to="/dept/users">{t.users}</Link>}
          {manager && <Link to="/dept/audit">{t.audit}</Link>}
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
