/**
 * The kiosk after an idle reset: nothing of the last resident can be navigated back to, and no
 * URL, code or text of theirs survives in storage. Imported first by main.ts, so it runs before
 * vue-router reads its saved scroll positions (kept in session storage with the visited URLs).
 *
 * The reset reloads the page on the attract screen; the entries before it stay in the browser's
 * history. A kiosk page reached again from there — Back or Forward to another document, or the
 * back-forward cache restoring one — is the past of a reset: the attract screen replaces it.
 * In Electron the shell also clears the session's history and storage (kiosk.sessionEnded).
 */

export const ATTRACT = '/kiosk/attract';

/** Pages of the kiosk: its route tree, and the print pages it opens (marked `kiosk=1`). */
function isKioskPage(loc: Location): boolean {
  return loc.pathname === '/kiosk' || loc.pathname.startsWith('/kiosk/') || (loc.pathname.startsWith('/print/') && new URLSearchParams(loc.search).has('kiosk'));
}

/** Forgets everything a visit left in this tab's storage. */
export function forgetVisit(): void {
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    // Storage can be disabled; then there is nothing to forget.
  }
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

function cameBackOrForward(): boolean {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.type === 'back_forward';
}

/**
 * Runs at start: on the attract screen, storage is emptied (the resting kiosk keeps nothing);
 * a kiosk page loaded by Back/Forward is replaced by the attract screen. Returns true when the
 * page is being replaced, so the app is not mounted on a past resident's page.
 */
export function restKiosk(): boolean {
  if (location.pathname === ATTRACT) {
    forgetVisit();
    return false;
  }
  if (isKioskPage(location) && cameBackOrForward()) {
    forgetVisit();
    location.replace(ATTRACT);
    return true;
  }
  return false;
}

// A page restored from the back-forward cache runs no script again: catch it here.
window.addEventListener('pageshow', (e) => {
  if (e.persisted && isKioskPage(location) && location.pathname !== ATTRACT) {
    forgetVisit();
    location.replace(ATTRACT);
  }
});

export const replacing = restKiosk();
