import { useEffect, useState } from 'react';
import { api } from '../../api.ts';

export type Me = { id: string; email: string; name: string; role: 'admin' | 'analyst' | 'coordinator' | 'viewer'; organisation: { id: string; name: string; level: string } };

/** The logged-in user, or null; a 401 anywhere (an expired session) sends back to login. */
export function useSession() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    api<Me>('/api/auth/me').then(setMe, () => setMe(null));
    const expired = () => setMe(null);
    window.addEventListener('session-expired', expired);
    return () => window.removeEventListener('session-expired', expired);
  }, []);
  return { me, setMe };
}
