import { defineStore } from 'pinia';
import { ref } from 'vue';
import { backspace as imeBackspace, bufferText, emptyBuffer, followField, typeKey, type ImeBuffer, type InputMethod } from '../../../electron/core/text/ime';

type Field = HTMLInputElement | HTMLTextAreaElement;

/** The on-screen keyboard's target field and its typing state (Telex by default). */
export const useKeyboardStore = defineStore('keyboard', () => {
  const target = ref<Field | null>(null);
  const layout = ref<'text' | 'numeric'>('text');
  const method = ref<InputMethod>('telex');
  const shift = ref(false);
  const caps = ref(false);
  let buffer: ImeBuffer = emptyBuffer();

  const options = () => ({ method: method.value, style: 'new' as const });

  function attach(field: Field) {
    target.value = field;
    const kind = field.dataset.keyboard ?? field.getAttribute('inputmode');
    layout.value = kind === 'numeric' || kind === 'tel' || kind === 'decimal' ? 'numeric' : 'text';
    buffer = emptyBuffer(field.value);
  }

  function detach() {
    target.value = null;
  }

  /** Writes the text into the field as if typed, so v-model and validation see it. */
  function write(text: string) {
    const field = target.value;
    if (!field) return;
    const max = field.maxLength > 0 ? field.maxLength : Infinity;
    field.value = text.slice(0, max);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** The field may have been filled or cleared since we last wrote it (a scan, autofill): start from what it shows. */
  const follow = () => {
    if (target.value) buffer = followField(buffer, target.value.value, options());
  };

  function press(key: string) {
    follow();
    // Numbers and punctuation in numeric fields bypass the input method.
    const upper = shift.value !== caps.value;
    const k = upper ? key.toUpperCase() : key;
    buffer = layout.value === 'numeric' ? { committed: bufferText(buffer, options()) + k, word: '' } : typeKey(buffer, k, options());
    shift.value = false;
    write(bufferText(buffer, options()));
  }

  function backspace() {
    follow();
    buffer = imeBackspace(buffer, options());
    write(bufferText(buffer, options()));
  }

  function toggleMethod() {
    follow();
    buffer = emptyBuffer(bufferText(buffer, options()));
    method.value = method.value === 'telex' ? 'vni' : 'telex';
  }

  return { target, layout, method, shift, caps, attach, detach, press, backspace, toggleMethod };
});
