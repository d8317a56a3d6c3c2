import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';
import house from './eslint/noTableAccess.js';

export default ts.config(
  { ignores: ['dist/', 'dist-*/', 'bench/dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
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
    // Only the database layer talks to Dexie: no import of it, and no table of LifecycleDatabase
    // read or written elsewhere (type-aware, see eslint/noTableAccess.js).
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/lib/db/**'],
    languageOptions: { parserOptions: { projectService: true } },
    plugins: { house },
    rules: { 'no-restricted-imports': ['error', { paths: ['dexie'] }], 'house/no-table-access': 'error' },
  },
  {
    // The domain core stays pure: no DOM frameworks, no database, no workers.
    files: ['src/lib/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['svelte', 'svelte/*', 'dexie', '$lib/db', '$lib/db/*', '$lib/state/*', '$lib/workers/*', '**/db/**', '**/state/**', '**/workers/**'] }],
    },
  },
);
