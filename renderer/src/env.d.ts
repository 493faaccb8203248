/// <reference types="vite/client" />
import type { Bridge } from '../../electron/contract';

declare global {
  interface Window {
    /** Present only inside Electron, exposed by the sandboxed preload. */
    motcua?: Bridge;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
