// Lint: typescript-eslint's recommended rules, plus the import directions of ARCHITECTURE.md
// ("imports point down") so they stay true.
import tseslint from 'typescript-eslint';

const notApps = ['@radar/api', '@radar/cli', '@radar/web', '@radar/poller', '@radar/notifier'];
const sqlLibraries = ['drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/pglite'];
const restrict = (packages, patterns, message) => ({
  'no-restricted-imports': [
    'error',
    { paths: packages.map((name) => ({ name, message })), patterns: patterns.map((group) => ({ group: [group], message })) },
  ],
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/build/**', '**/dist/**', '**/.svelte-kit/**', 'data/**', 'test-output/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['{apps,packages,workers}/**/*.ts'],
    ignores: ['packages/db/**'],
    rules: restrict([], sqlLibraries, 'only packages/db knows SQL: add a query there'),
  },
  {
    files: ['packages/**/*.ts'],
    ignores: ['packages/core/**', 'packages/detect/**', 'packages/widget/**', 'packages/db/**'],
    rules: restrict(notApps, sqlLibraries, 'packages never import apps or workers, and only packages/db knows SQL'),
  },
  {
    files: ['packages/core/**/*.ts'],
    rules: restrict([], ['@radar/*'], 'core imports no other package'),
  },
  {
    files: ['packages/detect/**/*.ts'],
    rules: restrict(['@radar/db', '@radar/feeds', '@radar/jobs', '@radar/alerts', ...notApps], ['node:*'], 'detect imports only core and does no I/O'),
  },
  {
    files: ['apps/web/**/*.ts', 'packages/widget/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.config.ts'],
    rules: restrict(
      ['@radar/db', '@radar/feeds', '@radar/jobs', '@radar/alerts', '@radar/detect', ...notApps],
      ['node:*', ...sqlLibraries],
      'the dashboard and widget import only @radar/core',
    ),
  },
);
