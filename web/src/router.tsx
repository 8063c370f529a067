// A tiny history router: the app has a handful of pages, and the respondent bundle must stay light.
import { useEffect, useState } from 'react';

export function navigate(to: string, replace = false) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function useLocation() {
  const [location, setLocation] = useState({ path: window.location.pathname, search: window.location.search });
  useEffect(() => {
    const update = () => setLocation({ path: window.location.pathname, search: window.location.search });
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return location;
}

/** Query-string state that survives a reload and can be shared as a link. */
export function useQueryState(key: string, fallback = ''): [string, (value: string) => void] {
  const { search } = useLocation();
  const value = new URLSearchParams(search).get(key) ?? fallback;
  const set = (next: string) => {
    const params = new URLSearchParams(window.location.search);
    if (next) params.set(key, next);
    else params.delete(key);
    const qs = params.toString();
    navigate(`${window.location.pathname}${qs ? '?' + qs : ''}`, true);
  };
  return [value, set];
}

export function Link({ to, children, className }: { to: string; children: React.ReactNode; className?: string }) {
  return (
    <a href={to} className={className} onClick={(e) => { if (e.ctrlKey || e.metaKey) return; e.preventDefault(); navigate(to); }}>
      {children}
    </a>
  );
}
