import { defineStore } from 'pinia';
import { ref } from 'vue';
import { backspace as imeBackspace, bufferText, emptyBuffer, followField, typeKey, type ImeBuffer, type InputMethod } from '../../../electron/core/text/ime';

type Field = HTMLInputElement | HTMLTextAreaElement;

/**
 * Which keys a field gets: Vietnamese text (with "/", "-" and "," for addresses), the numeric pad
 * (numbers, dates, phone and ID numbers), dossier codes (digits, capitals, "." and "-"), email.
 */
export type KeyboardLayout = 'text' | 'numeric' | 'code' | 'email';
/** Telex or VNI through our input engine, or plain Latin letters (English, names typed as is). */
export type TypingMethod = InputMethod | 'plain';

const METHODS: TypingMethod[] = ['telex', 'vni', 'plain'];

/** The fields the on-screen keyboard types into; never checkboxes, radios, buttons or ranges. */
export function isTextField(el: EventTarget | null): el is Field {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  return el instanceof HTMLInputElement && ['text', 'search', 'email', 'tel', 'number', 'password', 'url', ''].includes(el.type) && !el.readOnly && !el.disabled;
}

function layoutFor(field: Field): KeyboardLayout {
  const kind = field.dataset.keyboard ?? (field.type === 'email' ? 'email' : field.getAttribute('inputmode'));
  if (kind === 'numeric' || kind === 'tel' || kind === 'decimal') return 'numeric';
  if (kind === 'code' || kind === 'email') return kind;
  return 'text';
}

/** The caret of a field (its end where the browser keeps none, as for type=email). */
function caretOf(field: Field): number {
  try {
    return field.selectionStart ?? field.value.length;
  } catch {
    return field.value.length;
  }
}

let measure: CanvasRenderingContext2D | null = null;

/**
 * Scrolls a field so its caret is in sight: the browser does so for keys typed on a real keyboard,
 * not for text written by ours. An input scrolls sideways to the caret (measured in the field's own
 * font); a text area down to it when the caret is at the end.
 */
export function revealCaret(field: Field, caret: number): void {
  if (field instanceof HTMLTextAreaElement) {
    if (caret >= field.value.length) field.scrollTop = field.scrollHeight;
    return;
  }
  const style = getComputedStyle(field);
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return;
  // The shorthand can read empty in Chrome: the font from its parts.
  measure.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const before = field.value.slice(0, caret);
  const shown = style.textTransform === 'uppercase' ? before.toUpperCase() : before;
  const spacing = parseFloat(style.letterSpacing) || 0;
  const x = measure.measureText(shown).width + spacing * [...shown].length;
  const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const margin = Math.min(24, room / 4);
  if (x - field.scrollLeft > room - margin) field.scrollLeft = x - room + margin;
  else if (x - field.scrollLeft < margin) field.scrollLeft = Math.max(0, x - margin);
}

/**
 * The on-screen keyboard's target field and its typing state. Typing happens at the caret: the
 * text before it is the input engine's buffer (the word being typed is recomposed on every key),
 * the text after it is kept as it is. A caret moved by a tap in the field, or a value changed from
 * elsewhere (a scan, a cleared form), is read back from the field before the next key.
 */
export const useKeyboardStore = defineStore('keyboard', () => {
  const target = ref<Field | null>(null);
  const layout = ref<KeyboardLayout>('text');
  const method = ref<TypingMethod>('telex');
  const shift = ref(false);
  const caps = ref(false);
  let buffer: ImeBuffer = emptyBuffer();
  /** The text after the caret. */
  let tail = '';
  /** What this keyboard last wrote and where it left the caret, to notice changes made elsewhere. */
  let written = '';
  let caretAt = 0;

  const options = () => ({ method: method.value === 'plain' ? ('telex' as const) : method.value, style: 'new' as const });
  const composing = () => layout.value === 'text' && method.value !== 'plain';

  /** Starts again from the field as it is: the text before its caret, and after it. */
  function readField(field: Field) {
    const caret = caretOf(field);
    buffer = emptyBuffer(field.value.slice(0, caret));
    tail = field.value.slice(caret);
    written = field.value;
    caretAt = caret;
  }

  function attach(field: Field) {
    target.value = field;
    layout.value = layoutFor(field);
    shift.value = false;
    readField(field);
  }

  function detach() {
    target.value = null;
    shift.value = false;
  }

  /**
   * Before each key: follow a caret the resident moved by tapping, or a value set elsewhere (a scan,
   * autofill, a cleared form) — the engine's followField keeps the word being typed when the text
   * before the caret is still what the keyboard wrote.
   */
  function follow(field: Field) {
    if (field.value === written && caretOf(field) === caretAt) return;
    const caret = caretOf(field);
    buffer = followField(buffer, field.value.slice(0, caret), options());
    tail = field.value.slice(caret);
    written = field.value;
    caretAt = caret;
  }

  /** Writes the text into the field as if typed (v-model and validation see it), caret after `before`. */
  function write(before: string) {
    const field = target.value;
    if (!field) return;
    const max = field.maxLength > 0 ? field.maxLength : Infinity;
    const full = before + tail;
    const value = full.slice(0, max);
    field.value = value;
    written = value;
    caretAt = Math.min(before.length, value.length);
    // A full field keeps what it holds: keys past its length leave nothing behind (else ← and ⌫ would
    // first walk through letters that are not there).
    if (value !== full) {
      buffer = emptyBuffer(value.slice(0, caretAt));
      tail = value.slice(caretAt);
    }
    try {
      field.setSelectionRange(caretAt, caretAt);
    } catch {
      // Fields without a caret (type=email) take text at the end only.
    }
    field.dispatchEvent(new Event('input', { bubbles: true }));
    revealCaret(field, caretAt);
  }

  function press(key: string) {
    const field = target.value;
    if (!field) return;
    follow(field);
    const upper = layout.value === 'code' || shift.value !== caps.value;
    const k = upper ? key.toUpperCase() : key;
    // Numbers, codes, emails and plain letters bypass the input method.
    buffer = composing() ? typeKey(buffer, k, options()) : { committed: bufferText(buffer, options()) + k, word: '' };
    shift.value = false;
    write(bufferText(buffer, options()));
  }

  function backspace() {
    const field = target.value;
    if (!field) return;
    follow(field);
    buffer = imeBackspace(buffer, options());
    write(bufferText(buffer, options()));
  }

  /** Moves the caret one character left (-1) or right (+1); the word being typed is committed. */
  function moveCaret(delta: -1 | 1) {
    const field = target.value;
    if (!field) return;
    follow(field);
    const before = [...bufferText(buffer, options())];
    const after = [...tail];
    if (delta < 0 && before.length) after.unshift(before.pop()!);
    if (delta > 0 && after.length) before.push(after.shift()!);
    buffer = emptyBuffer(before.join(''));
    tail = after.join('');
    write(before.join(''));
  }

  function toggleMethod() {
    if (target.value) follow(target.value);
    buffer = emptyBuffer(bufferText(buffer, options()));
    method.value = METHODS[(METHODS.indexOf(method.value) + 1) % METHODS.length]!;
  }

  /** The language changed: Telex for Vietnamese, plain letters for English (the others a tap away). */
  function setMethod(m: TypingMethod) {
    buffer = emptyBuffer(bufferText(buffer, options()));
    method.value = m;
  }

  return { target, layout, method, shift, caps, attach, detach, press, backspace, moveCaret, toggleMethod, setMethod };
});
