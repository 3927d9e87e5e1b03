import { useEffect, useState } from 'react';
import { clearSession, currentUrl, getToken, goToLogin } from '../services/session';

/**
 * For pages behind sign-in: whether a session exists when the page opens. Without one the page
 * renders nothing to load and the person is sent to the login page, and back here after signing in
 * (an invitation link opened before signing in).
 */
export function useSignedIn(): boolean {
  const [signedIn] = useState(() => getToken() !== null);
  useEffect(() => {
    if (!signedIn) {
      clearSession();
      goToLogin({ next: currentUrl() });
    }
  }, [signedIn]);
  return signedIn;
}
