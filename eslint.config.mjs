import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layers from './scripts/eslint/layers.mjs';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { layers },
    rules: {
      'layers/imports': 'error',
      'layers/raw-ipc': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/features/**/*.ts'],
    rules: {
      // Every user-visible string comes from the message catalogues (i18n).
      'no-restricted-syntax': ['error', { selector: 'JSXText[value=/[A-Za-zÀ-ỹ]{2,}/]', message: 'User-visible text belongs in the message catalogues (t("…")).' }],
    },
  },
);
