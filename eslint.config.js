import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['dist/', 'bench/dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, __APP_VERSION__: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } },
  },
  {
    // Only the database layer talks to Dexie.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/lib/db/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['dexie'] }] },
  },
  {
    // The domain core stays pure: no DOM frameworks, no database, no workers.
    files: ['src/lib/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['svelte', 'svelte/*', 'dexie', '$lib/db', '$lib/db/*', '$lib/state/*', '$lib/workers/*', '**/db/**', '**/state/**', '**/workers/**'] }],
    },
  },
);
