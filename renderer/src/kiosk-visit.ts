/**
 * The end of a resident's visit at the kiosk, one way for all its ends: the idle reset (to the
 * attract screen) and a printed slip's return home (to the home screen, for the next person).
 * Everything of the visit goes: storage and cookies here, the session's in the shell
 * (`kiosk.sessionEnded`), and every store in memory, by loading the page anew — the search words,
 * a tracking code, a wizard's draft, the language, the text size and the contrast back to the
 * kiosk's defaults. "Trang chính" within a visit is not an end: it starts a new task and keeps the
 * resident's language, text size and contrast (KioskLayout).
 */
import { api } from './api';
import { ATTRACT, forgetVisit } from './kiosk-rest';

export async function endVisit(to: string = ATTRACT): Promise<void> {
  forgetVisit();
  await api.invoke('kiosk.sessionEnded', {}).catch(() => undefined);
  // The next page empties storage again once loaded (what the router writes as this page goes).
  window.location.replace(to);
}
