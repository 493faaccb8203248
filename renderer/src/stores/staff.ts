import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MethodInput, MethodName, MethodResult, Role, StaffSession } from '../../../electron/contract';
import { api, ApiError } from '../api';

const KEY = 'motcua.staffSession';

/** The desk methods that take the officer's session; the store adds it to every call. */
type WithSession = { [K in MethodName]: 'session' extends keyof MethodInput<K> ? K : never }[MethodName];
type WithoutSession<K extends WithSession> = Omit<MethodInput<K>, 'session'>;

/**
 * The signed-in officer. The token lives in sessionStorage (this window only, gone when it closes),
 * so a print page opened from the desk can use it. When the core says the session ended, or the
 * screen locked after idle, the desk shows the lock screen; the username stays for signing back in.
 */
export const useStaffStore = defineStore('staff', () => {
  const session = ref<StaffSession | null>(readSaved());
  api.setEventSession(session.value?.token ?? null);
  const lockedUser = ref<string | null>(null);
  const status = ref<MethodResult<'staff.status'> | null>(null);

  function readSaved(): StaffSession | null {
    try {
      const raw = sessionStorage.getItem(KEY);
      return raw ? (JSON.parse(raw) as StaffSession) : null;
    } catch {
      return null;
    }
  }

  function keep(s: StaffSession | null) {
    session.value = s;
    // Officer events (new dossiers, refused moves) reach this page's stream only with its session.
    api.setEventSession(s?.token ?? null);
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
  }

  async function loadStatus() {
    status.value = await api.invoke('staff.status', {});
  }

  /** The session the screen locked: its officer unlocks past holds others' wrong passwords put on the account. */
  let lockedToken: string | null = null;

  async function signIn(username: string, password: string, counter?: string, preferCounter?: string) {
    const resume = lockedToken && lockedUser.value && username.trim().toLowerCase() === lockedUser.value ? lockedToken : null;
    keep(await api.invoke('staff.signIn', { username, password, ...(counter ? { counter } : {}), ...(preferCounter ? { preferCounter } : {}), ...(resume ? { resume } : {}) }));
    lockedUser.value = null;
    lockedToken = null;
  }

  async function setup(setupCode: string, username: string, displayName: string, password: string) {
    keep(await api.invoke('staff.setup', { setupCode, username, displayName, password }));
    await loadStatus();
  }

  /** Why the screen is locked: the idle minutes passed, or the officer locked it. */
  const lockedBy = ref<'idle' | 'officer'>('idle');
  /** Whether the officer who locked worked at a counter (the lock screen asks for one only then). */
  const lockedAtCounter = ref(true);

  /** Idle or ended: the screen locks and nothing of the work shows until the officer signs in again. */
  function lock(by: 'idle' | 'officer' = 'idle') {
    lockedBy.value = by;
    if (session.value) {
      lockedUser.value = session.value.username;
      lockedAtCounter.value = !!session.value.counter;
    }
    const token = session.value?.token;
    lockedToken = token ?? null;
    keep(null);
    if (token) void api.invoke('staff.signOut', { session: token, lock: true }).catch(() => undefined);
  }

  async function signOut() {
    const token = session.value?.token;
    keep(null);
    lockedUser.value = null;
    lockedToken = null;
    if (token) await api.invoke('staff.signOut', { session: token }).catch(() => undefined);
  }

  /** Calls a desk method with this officer's session; an ended session locks the screen. */
  async function call<K extends WithSession>(method: K, input: WithoutSession<K>): Promise<MethodResult<K>> {
    if (!session.value) throw new ApiError({ code: 'unauthorized', message: { vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' } });
    try {
      return await api.invoke(method, { ...input, session: session.value.token } as MethodInput<K>);
    } catch (err) {
      if (err instanceof ApiError && err.payload.code === 'unauthorized') lock();
      throw err;
    }
  }

  const has = (...roles: Role[]) => computed(() => !!session.value && roles.some((r) => session.value!.roles.includes(r)));

  return { session, lockedUser, lockedBy, lockedAtCounter, status, loadStatus, signIn, setup, lock, signOut, call, has };
});
