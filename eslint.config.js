import js from '@eslint/js';
import vue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';

const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement', 'Element', 'EventSource', 'location', 'alert'].map((name) => ({
  name,
  message: 'electron/core is plain Node: no DOM.',
}));

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
