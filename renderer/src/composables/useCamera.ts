import { onUnmounted, ref } from 'vue';

/**
 * The kiosk's back camera, where it has one, shown in a `<video>` bound to `video`. The stream is
 * always let go on `stop` and when the component goes, so the next resident is never filmed.
 */
export function useCamera(onStop?: () => void) {
  const video = ref<HTMLVideoElement | null>(null);
  const live = ref(false);
  const unavailable = ref(false);
  let stream: MediaStream | null = null;

  function stop() {
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    live.value = false;
    onStop?.();
  }

  /** Resolves to the playing `<video>`, or null when there is no camera (`unavailable` is then set). */
  async function open(): Promise<HTMLVideoElement | null> {
    unavailable.value = false;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
      unavailable.value = true;
      return null;
    }
    live.value = true;
    // The <video> is rendered only once `live` is set: wait a turn for it to exist.
    await new Promise((r) => setTimeout(r, 0));
    const el = video.value!;
    el.srcObject = stream;
    await el.play();
    return el;
  }

  onUnmounted(stop);
  return { video, live, unavailable, open, stop };
}
