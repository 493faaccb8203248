import { watchDebounced } from '@vueuse/core';
import { defineStore } from 'pinia';
import { computed, inject, provide, reactive, ref, watch, type InjectionKey } from 'vue';
import { receiveInput, type Checklist, type ChecklistPaper, type ErrorPayload, type MethodInput } from '../../../electron/contract';
import { plainIssues } from '../../../electron/core/field-messages';
import { ApiError } from '../api';
import { latestOnly } from './latestOnly';
import { useStaffStore } from '../stores/staff';

/** What the officer has typed and ticked so far: saved as a draft per officer, so an idle lock or a trip to another page loses nothing. */
export interface ReceiveDraft {
  procedureCode: string | null;
  applicant: { fullName: string; idNumber: string; address: string; phone: string; email: string };
  caseId: string | null;
  ticked: Record<string, boolean>;
  choices: Record<string, string>;
  /** Papers the checklist does not name, one per line. */
  extraPapers: string;
  noPapersReason: string;
  sets: string;
  collect: 'counter' | 'post';
  postAddress: string;
  outcome: 'accept' | 'supplement' | 'refuse';
  missing: string;
  reason: string;
  workingDays: string;
  ticket: { id: number; label: string } | null;
  /** The officer changed the supplement list by hand: it is no longer rebuilt from the boxes. */
  missingEdited: boolean;
}

export interface Scan {
  name: string;
  dataUrl: string;
  bytes: number;
}

const blank = (): ReceiveDraft => ({
  procedureCode: null,
  applicant: { fullName: '', idNumber: '', address: '', phone: '', email: '' },
  caseId: null,
  ticked: {},
  choices: {},
  extraPapers: '',
  noPapersReason: '',
  sets: '1',
  collect: 'counter',
  postAddress: '',
  outcome: 'accept',
  missing: '',
  reason: '',
  workingDays: '',
  ticket: null,
  missingEdited: false,
});

const DRAFT_PREFIX = 'motcua.receiveDraft.';

/** Scans are too large for session storage: they stay in memory for the window's life, per draft. */
const useDraftScans = defineStore('receiveDraftScans', () => ({ byDraft: ref(new Map<string, Scan[]>()) }));

/** The draft keys an officer has in this window (walk-ins and inbox dossiers being received). */
export function draftsOf(username: string): { key: string; draft: ReceiveDraft }[] {
  const out: { key: string; draft: ReceiveDraft }[] = [];
  for (let i = 0; i < sessionStorage.length; i++) {
    const k = sessionStorage.key(i)!;
    if (!k.startsWith(`${DRAFT_PREFIX}${username}:`)) continue;
    try {
      out.push({ key: k.slice(DRAFT_PREFIX.length + username.length + 1), draft: JSON.parse(sessionStorage.getItem(k)!) as ReceiveDraft });
    } catch {
      // a broken draft is skipped
    }
  }
  return out;
}

/** Every draft of an officer goes when they sign out: personal data is kept no longer than the work needs. */
export function clearDrafts(username: string): void {
  const scans = useDraftScans();
  for (const { key } of draftsOf(username)) {
    sessionStorage.removeItem(`${DRAFT_PREFIX}${username}:${key}`);
    scans.byDraft.delete(`${username}:${key}`);
  }
}

/** "1,5" or "1.5" → 1.5; empty → undefined; anything else → NaN (the schema says it is not a number). */
function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  if (!t) return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** Where an error shows: the form's field for a contract path ("applicant.idNumber" → "idNumber"). */
function formField(path: string): string {
  const [head, second] = path.split('.');
  if (head === 'applicant') return second ?? 'fullName';
  if (head === 'missing' || head === 'extraPapers' || head === 'papers' || head === 'attachments') return head === 'attachments' ? 'scans' : head;
  return head ?? '';
}

/**
 * The receiving form's state and rules on the UI side: a draft per officer and dossier, the
 * payload the core takes (papers by checklist id), every problem at once from the contract's own
 * schema before sending and from the core after, and the appointment preview (debounced, only for
 * a valid processing time).
 */
export function useReceiveForm(key: () => string) {
  const staff = useStaffStore();
  const scanStore = useDraftScans();
  const storageKey = () => `${DRAFT_PREFIX}${staff.session?.username ?? ''}:${key()}`;
  const draft = reactive<ReceiveDraft>(blank());
  const scans = ref<Scan[]>([]);
  const checklist = ref<Checklist | null>(null);
  const errors = reactive<Record<string, string | null>>({});
  const errorList = ref<{ field: string; message: ErrorPayload['message'] }[]>([]);
  const preview = ref<{ at: string | null; text: string | null; provisional?: boolean } | null>(null);

  function restore(): boolean {
    const raw = sessionStorage.getItem(storageKey());
    scans.value = scanStore.byDraft.get(storageKey().slice(DRAFT_PREFIX.length)) ?? [];
    if (!raw) return false;
    try {
      Object.assign(draft, blank(), JSON.parse(raw) as ReceiveDraft);
      return true;
    } catch {
      return false;
    }
  }

  const dirty = computed(() => JSON.stringify(draft) !== JSON.stringify(blank()) || scans.value.length > 0);

  // Saved as the officer types: a lock, a reload or another page keeps it.
  watch(
    draft,
    () => {
      if (!staff.session) return;
      if (dirty.value) sessionStorage.setItem(storageKey(), JSON.stringify(draft));
      else sessionStorage.removeItem(storageKey());
    },
    { deep: true },
  );
  watch(scans, (list) => staff.session && scanStore.byDraft.set(storageKey().slice(DRAFT_PREFIX.length), list), { deep: true });

  function discard() {
    sessionStorage.removeItem(storageKey());
    scanStore.byDraft.delete(storageKey().slice(DRAFT_PREFIX.length));
    Object.assign(draft, blank());
    scans.value = [];
    checklist.value = null;
    preview.value = null;
  }

  const chosenCase = computed(() => checklist.value?.cases.find((c) => c.id === draft.caseId) ?? checklist.value?.cases[0] ?? null);
  /** The boxes on screen: the common papers and the chosen case's. */
  const required = computed<ChecklistPaper[]>(() => (checklist.value ? [...checklist.value.common, ...(chosenCase.value?.papers ?? [])] : []));
  const optional = computed<ChecklistPaper[]>(() => checklist.value?.conditional ?? []);
  const ticked = computed(() => [...required.value, ...optional.value].filter((p) => draft.ticked[p.id]));

  /** The supplement list built from what is actually missing: the required papers not ticked. */
  const missingFromBoxes = computed(() => required.value.filter((p) => !draft.ticked[p.id]).map((p) => p.name));
  watch(missingFromBoxes, (list) => {
    if (!draft.missingEdited) draft.missing = list.join('\n');
  });

  function payload(session: string): MethodInput<'desk.receive'> {
    const clean = (s: string) => s.trim() || undefined;
    const lines = (s: string) => s.split('\n').map((m) => m.trim()).filter(Boolean);
    const days = parseNumber(draft.workingDays);
    const papers = [...required.value, ...optional.value].map((p) => ({ id: p.id, presented: !!draft.ticked[p.id], ...(draft.ticked[p.id] && draft.choices[p.id] ? { choice: draft.choices[p.id] } : {}) }));
    return {
      session,
      ...(key() !== 'walk-in' ? { code: key() } : {}),
      procedureCode: draft.procedureCode ?? '',
      applicant: {
        fullName: draft.applicant.fullName.trim(),
        idNumber: clean(draft.applicant.idNumber.replace(/\s/g, '')),
        address: clean(draft.applicant.address),
        phone: clean(draft.applicant.phone),
        email: clean(draft.applicant.email),
      },
      ...(chosenCase.value ? { caseId: chosenCase.value.id } : {}),
      papers,
      ...(lines(draft.extraPapers).length ? { extraPapers: lines(draft.extraPapers) } : {}),
      ...(draft.noPapersReason.trim() ? { noPapersReason: draft.noPapersReason.trim() } : {}),
      attachments: scans.value.map((s) => ({ name: s.name, dataUrl: s.dataUrl })),
      sets: parseNumber(draft.sets) ?? Number.NaN,
      collect: draft.collect,
      ...(draft.collect === 'post' ? { postAddress: draft.postAddress } : {}),
      outcome: draft.outcome,
      ...(draft.outcome === 'supplement' ? { missing: lines(draft.missing) } : {}),
      ...(draft.outcome === 'refuse' ? { reason: draft.reason } : {}),
      ...(draft.outcome === 'accept' && days !== undefined ? { workingDays: days } : {}),
      ...(draft.ticket ? { ticket: draft.ticket.label } : {}),
    };
  }

  function setErrors(list: { field: string; message: ErrorPayload['message'] }[], pick: (m: ErrorPayload['message']) => string) {
    for (const k of Object.keys(errors)) errors[k] = null;
    for (const e of list) {
      const f = formField(e.field);
      errors[f] ??= pick(e.message);
    }
    errorList.value = list;
  }

  /** Checks the form with the contract's own schema: every problem at once, in plain words. */
  function check(pick: (m: ErrorPayload['message']) => string): boolean {
    const parsed = receiveInput.safeParse(payload('x'.repeat(16)), { reportInput: true });
    setErrors(parsed.success ? [] : plainIssues(parsed.error.issues), pick);
    return parsed.success;
  }

  /** Shows what the core refused, each next to its field; a refusal of no field is returned, for the form's alert. */
  function showRefusal(err: unknown, pick: (m: ErrorPayload['message']) => string): ErrorPayload['message'] | null {
    if (!(err instanceof ApiError)) throw err;
    const p = err.payload;
    const list = p.fields?.length ? p.fields : p.field ? [{ field: p.field, message: p.message }] : [];
    setErrors(list, pick);
    return list.length ? null : p.message;
  }

  /** The messages on screen again, in the language just chosen (they are kept in both). */
  function retell(pick: (m: ErrorPayload['message']) => string): void {
    const told = new Set<string>();
    for (const e of errorList.value) {
      const f = formField(e.field);
      if (told.has(f)) continue;
      told.add(f);
      errors[f] = pick(e.message);
    }
  }

  // A message goes away as soon as the officer changes its field.
  const watched: [string, () => unknown][] = [
    ...(['fullName', 'idNumber', 'address', 'phone', 'email'] as const).map((k): [string, () => unknown] => [k, () => draft.applicant[k]]),
    ['workingDays', () => draft.workingDays],
    ['sets', () => draft.sets],
    ['postAddress', () => draft.postAddress],
    ['missing', () => draft.missing],
    ['reason', () => draft.reason],
    ['noPapersReason', () => draft.noPapersReason],
    ['extraPapers', () => draft.extraPapers],
    ['papers', () => JSON.stringify(draft.ticked)],
  ];
  // …and from the summary above the form: a problem fixed is no longer listed.
  for (const [field, get] of watched) {
    watch(get, () => {
      errors[field] = null;
      if (errorList.value.some((e) => formField(e.field) === field)) errorList.value = errorList.value.filter((e) => formField(e.field) !== field);
    });
  }

  const workingDaysError = computed(() => {
    const days = parseNumber(draft.workingDays);
    if (days === undefined) return null;
    const parsed = receiveInput.shape.workingDays.safeParse(days, { reportInput: true });
    return parsed.success ? null : plainIssues(parsed.error.issues.map((i) => ({ ...i, path: ['workingDays'] })))[0]!.message;
  });

  // The appointment a receipt now would get: asked once the typing pauses, and only for a valid time.
  // Only the answer for what is typed now shows: a slower one for "0,5" never lands after the field was cleared.
  const latestPreview = latestOnly();
  watchDebounced(
    () => [draft.procedureCode, draft.workingDays, draft.outcome],
    async () => {
      const procedureCode = draft.procedureCode;
      const ask = !!procedureCode && draft.outcome === 'accept' && !workingDaysError.value;
      const days = parseNumber(draft.workingDays);
      try {
        const answer = await latestPreview(async () => (ask ? staff.call('desk.appointmentPreview', { procedureCode, ...(days !== undefined ? { workingDays: days } : {}) }) : undefined));
        if (answer?.value) preview.value = answer.value;
      } catch {
        preview.value = null;
      }
    },
    { debounce: 350, immediate: true },
  );

  return { draft, scans, checklist, errors, errorList, preview, restore, discard, dirty, chosenCase, required, optional, ticked, missingFromBoxes, payload, check, showRefusal, retell, workingDaysError };
}

export type ReceiveForm = ReturnType<typeof useReceiveForm>;
const FORM_KEY: InjectionKey<ReceiveForm> = Symbol('receive-form');

/** The receiving page shares its form with its parts (procedure, applicant, papers, scans, outcome). */
export function provideReceiveForm(form: ReceiveForm): void {
  provide(FORM_KEY, form);
}

export function useReceiveFormPart(): ReceiveForm {
  const form = inject(FORM_KEY);
  if (!form) throw new Error('useReceiveFormPart outside the receiving page');
  return form;
}
