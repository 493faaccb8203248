import js from '@eslint/js';
import vue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';

const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement', 'Element', 'EventSource', 'location', 'alert'].map((name) => ({
  name,
  message: 'electron/core is plain Node: no DOM.',
}));

// One clock zone (electron/core/time.ts owns Vietnam time) and one home for the personal-data
// validators (electron/core/text/validators.ts): everything else is told where to go.
const TIME_MESSAGE = 'Vietnam time comes from electron/core/time.ts (vnDay, vnInstant, formatVn, parseVn, addMonths…): no hand-computed offset, no host-zone Date.';
const HOST_ZONE_METHODS = ['getHours', 'getMinutes', 'getSeconds', 'getDate', 'getDay', 'getMonth', 'getFullYear', 'getYear', 'getTimezoneOffset', 'setHours', 'setMinutes', 'setDate', 'setMonth', 'setFullYear', 'toLocaleDateString', 'toLocaleTimeString', 'toDateString', 'toTimeString', 'setUTCMonth', 'setUTCFullYear', 'setUTCDate'];
const ONE_HOME_SYNTAX = [
  { selector: `MemberExpression > Identifier.property[name=/^(${HOST_ZONE_METHODS.join('|')})$/]`, message: TIME_MESSAGE },
  { selector: 'BinaryExpression[operator="*"][left.value=7][right.value=3600000]', message: TIME_MESSAGE },
  { selector: 'BinaryExpression[operator="*"][left.value=7][right.value=3600]', message: TIME_MESSAGE },
  { selector: 'BinaryExpression[operator="*"][left.value=7][right.value=60]', message: TIME_MESSAGE },
  { selector: 'BinaryExpression[operator="*"][left.value=420][right.value=60000]', message: TIME_MESSAGE },
  // A UTC day is not Vietnam's day: "today" from toISOString() is yesterday until 07:00.
  { selector: 'CallExpression[callee.property.name="slice"][callee.object.type="CallExpression"][callee.object.callee.property.name="toISOString"]', message: TIME_MESSAGE },
  { selector: 'BinaryExpression[operator="*"][left.left.value=7][left.right.value=60]', message: TIME_MESSAGE },
  { selector: 'Literal[value=25200000]', message: TIME_MESSAGE },
  { selector: 'Literal[value=25200]', message: TIME_MESSAGE },
  { selector: 'Literal[value=/[+]0?7 hours|^[+]0?7:?00$/]', message: TIME_MESSAGE },
  { selector: 'TemplateElement[value.raw=/^[+]0?7(:00| hours)/]', message: TIME_MESSAGE },
  { selector: 'NewExpression[callee.object.name="Intl"][callee.property.name="DateTimeFormat"]', message: TIME_MESSAGE },
  {
    selector: 'Literal[regex.pattern=/\\\\d\\{(9|10|12)\\}|\\[0-9\\]\\{(9|10|12)\\}|@\\[|\\(0\\||\\+84/]',
    message: 'CCCD, phone and email are checked only by electron/core/text/validators.ts (one pattern, one message).',
  },
  { selector: 'CallExpression[callee.object.name="z"][callee.property.name="email"]', message: 'Email is checked by electron/core/text/validators.ts.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    files: ['**/*.{js,ts,vue}'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', Response: 'readonly' },
    },
    rules: {
      // TypeScript checks names; ESLint's no-undef does not know DOM and Node types.
      'no-undef': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-indent': 'off',
    },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,vue}', 'bin/**/*.js', 'scripts/**/*.js'],
    ignores: ['electron/core/time.ts', 'electron/core/text/validators.ts'],
    rules: { 'no-restricted-syntax': ['error', ...ONE_HOME_SYNTAX] },
  },
  {
    // The core runs in plain Node: never Electron, never the DOM.
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'electron/core must not import electron.' }], patterns: ['electron/*', '**/renderer/**'] }],
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    // The renderer talks to the core only through api.ts: no Node modules.
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'path', 'child_process', 'better-sqlite3', 'electron'],
          patterns: ['node:*', '**/electron/core/index*', '**/electron/core/db/**', '**/electron/web/**'],
        },
      ],
    },
  },
);
