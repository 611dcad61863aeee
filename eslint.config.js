// Lint rules that keep the rooms of src/ apart (docs/architecture.md):
// - only src/client/db imports dexie;
// - only src/client/sync talks to the network (fetch, XMLHttpRequest, WebSocket, EventSource);
// - src/shared imports neither the DOM nor Node, so it runs in browser, server and tests alike;
// - the client never imports the server and the server never imports the client.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const networkGlobals = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({
  name,
  message: 'Only src/client/sync talks to the network.',
}));

export default ts.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'data/', 'coverage/', 'src/client/i18n/generated/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, __APP_VERSION__: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/client/**/*.ts', 'src/client/**/*.svelte'],
    ignores: ['src/client/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie', message: 'Only src/client/db imports dexie: use a repository.' }],
          patterns: [{ group: ['**/server/**'], message: 'The client never imports the server.' }],
        },
      ],
    },
  },
  {
    files: ['src/client/**/*.ts', 'src/client/**/*.svelte'],
    ignores: ['src/client/sync/**', 'src/client/pwa/sw.ts'],
    rules: { 'no-restricted-globals': ['error', ...networkGlobals] },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/shared runs in the browser too: no Node modules.' },
            {
              group: ['**/client/**', '**/server/**', 'dexie', 'svelte', 'svelte/*'],
              message: 'src/shared imports only src/shared and pure libraries.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...networkGlobals,
        ...['window', 'document', 'navigator', 'localStorage', 'indexedDB', 'process', 'Buffer'].map(
          (name) => ({
            name,
            message: 'src/shared is pure TypeScript: no DOM, no Node.',
          }),
        ),
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/client/**'], message: 'The server never imports the client.' }] },
      ],
    },
  },
);
