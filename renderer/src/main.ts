// First: the kiosk's reset state is settled before any other module reads storage or the address.
import { stampVisit } from './kiosk-rest';
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './styles/tokens.css';
import './styles/base.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { api } from './api';
import { createAppI18n, pick } from './i18n';
import { createAppRouter } from './router';
import { useToastStore } from './stores/toasts';

const app = createApp(App);
const pinia = createPinia();
const i18n = createAppI18n('vi');
const router = createAppRouter();
// Every kiosk entry in history belongs to one visit; after a reset, none can be returned to.
router.afterEach(() => stampVisit());
app.use(pinia).use(i18n).use(router);

// Never a blank screen: a rendering error becomes a toast, and the page stays.
app.config.errorHandler = (err) => {
  console.warn('render error', err);
  useToastStore(pinia).push('error', i18n.global.t('app.unexpected_error'));
};
// Errors in the core's background work arrive as typed events.
api.on('core.error', (e) => {
  useToastStore(pinia).push('error', pick(e.message, i18n.global.locale.value));
});

app.mount('#app');
