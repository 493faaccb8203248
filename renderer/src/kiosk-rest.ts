/**
 * The kiosk after an idle reset: nothing of the last resident can be navigated back to, and no
 * URL, code or text of theirs survives in storage. Imported first by main.ts, so it runs before
 * vue-router reads the address and its saved scroll positions (session storage, with the URLs).
 *
 * Each visit has an id, kept in session storage (wiped by the reset) and stamped on every history
 * entry the visit makes. The reset reloads the page on the attract screen, but the entries before
 * it stay in the browser's history: a kiosk page reached again from there — Back, Forward, or the
 * back-forward cache — carries another visit's id, and the attract screen takes its place. A reload
 * within a visit (a renderer restarted after a crash) keeps its id, and its draft.
 * In Electron the shell also clears the session's history and storage (kiosk.sessionEnded).
 */

export const ATTRACT = '/kiosk/attract';
const VISIT = 'motcua.visit';

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

function currentVisit(): string | null {
  try {
    return sessionStorage.getItem(VISIT);
  } catch {
    return null;
  }
}

/** An entry made by a visit that is not this one (this tab has no visit at rest). */
function fromAnotherVisit(): boolean {
  const stamped = (history.state as { visit?: unknown } | null)?.visit;
  return typeof stamped === 'string' && stamped !== currentVisit();
}

/**
 * After each navigation: the entry is stamped with this visit's id (a visit starts on the first
 * page after the attract screen). The attract screen is the rest state and keeps nothing.
 */
export function stampVisit(): void {
  if (!isKioskPage(location) || location.pathname === ATTRACT) return;
  let visit = currentVisit();
  if (!visit) {
    visit = crypto.randomUUID();
    try {
      sessionStorage.setItem(VISIT, visit);
    } catch {
      return;
    }
  }
  const state = (history.state ?? {}) as Record<string, unknown>;
  if (state.visit !== visit) history.replaceState({ ...state, visit }, '');
}

/**
 * At start, before the router reads the address: on the attract screen, storage is emptied; a
 * kiosk page of another visit has its entry rewritten to the attract screen, so the app starts
 * there and the past resident's address is gone from history.
 */
export function restKiosk(): void {
  if (location.pathname === ATTRACT) {
    forgetVisit();
    return;
  }
  if (isKioskPage(location) && fromAnotherVisit()) {
    forgetVisit();
    history.replaceState(null, '', ATTRACT);
  }
}

// A page restored from the back-forward cache runs no script again: catch it here.
window.addEventListener('pageshow', (e) => {
  if (e.persisted && isKioskPage(location) && location.pathname !== ATTRACT && fromAnotherVisit()) {
    forgetVisit();
    location.replace(ATTRACT);
  }
});

restKiosk();
