import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { useLocation } from './router.tsx';
import './styles.css';

// The respondent page is its own chunk: a parent's phone never downloads the staff screens.
const RespondentPage = lazy(() => import('./pages/respond/RespondentPage.tsx'));
const StaffApp = lazy(() => import('./pages/staff/StaffApp.tsx'));

function App() {
  const { path } = useLocation();
  const code = /^\/s\/([a-z0-9]{4,16})\/?$/.exec(path)?.[1];
  return (
    <Suspense fallback={<p className="loading">Загрузка…</p>}>
      {code ? <RespondentPage code={code} /> : path.startsWith('/s/') ? <RespondentPage code="" /> : <StaffApp />}
    </Suspense>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);

if ('serviceWorker' in navigator && location.pathname.startsWith('/s/')) {
  navigator.serviceWorker.register('/sw.js').catch(() => {});
  // hand the worker the assets this first load used, so the next visit needs no network for them
  window.addEventListener('load', () => {
    navigator.serviceWorker.ready.then((reg) => {
      const used = performance.getEntriesByType('resource').map((e) => e.name);
      const assets = used.filter((u) => u.startsWith(`${location.origin}/assets/`) || u.startsWith(`${location.origin}/api/public/s/`));
      reg.active?.postMessage({ cache: [location.pathname, ...assets] });
    });
  });
}
