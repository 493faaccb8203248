import { tryOnScopeDispose, useEventListener } from '@vueuse/core';
import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';

/**
 * Reading aloud with the Web Speech API, in the kiosk's language: available only where the system
 * has a voice for it (a Vietnamese voice for Vietnamese, an English one for English), so the button
 * hides itself on a machine without one rather than read Vietnamese with an English voice.
 * Voices arrive late in Chromium (`voiceschanged`), so availability follows them.
 */
export function useSpeech() {
  const { locale } = useI18n();
  const synth: SpeechSynthesis | null = typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;
  const voices = ref<SpeechSynthesisVoice[]>(synth?.getVoices() ?? []);
  const speaking = ref(false);
  if (synth) useEventListener(synth, 'voiceschanged', () => (voices.value = synth.getVoices()));

  const lang = computed(() => (locale.value === 'en' ? 'en' : 'vi'));
  const voice = computed(() => voices.value.find((v) => v.lang.toLowerCase().replace('_', '-').startsWith(lang.value)) ?? null);
  const available = computed(() => synth !== null && voice.value !== null);

  function stop() {
    synth?.cancel();
    speaking.value = false;
  }
  /** Reads `text` (the parts one after another), stopping whatever was being read. */
  function speak(parts: string[]) {
    if (!synth || !voice.value) return;
    synth.cancel();
    const text = parts.map((p) => p.trim()).filter(Boolean).join('. ').replace(/\.\s*\./g, '.');
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice.value;
    u.lang = voice.value.lang;
    u.rate = 0.95;
    u.onend = () => (speaking.value = false);
    u.onerror = () => (speaking.value = false);
    speaking.value = true;
    synth.speak(u);
  }
  // A resident who leaves the screen takes the voice with them; the idle reset too.
  tryOnScopeDispose(stop);
  return { available, speaking, speak, stop };
}
