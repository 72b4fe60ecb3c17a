// ESLint (flat config): type-aware typescript-eslint, the rules of hooks, and the import boundaries of
// ../shared/ARCHITECTURE.md, so they hold by a failing `npm run lint` instead of by good will.
// Boundaries use the core `no-restricted-imports` rule: three path patterns are all we need, and it has no
// resolver to configure (eslint-plugin-import / -boundaries would add one and a dependency tree for the same).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

/** Node built-ins by exact name (`events`, not './events') plus every `node:` specifier. */
const nodeBuiltins = (message) => ({
  paths: builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message })),
  patterns: [{ group: ['node:*'], message }],
});

const builtins = {
  contract: nodeBuiltins('The contract runs in the renderer too: no Node built-ins.'),
  renderer: nodeBuiltins('The renderer is a web page: no Node built-ins.'),
};

/** Services, domain logic, CLI and server: everything in src-main except the Electron shell. */
const noElectron = {
  name: 'electron',
  message: 'Only src-main/electron/ imports electron; pass what a service needs in as a small interface.',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.aisle-data/**',
      'migrations/**',
      'migrations-hq/**',
      'build/**',
      'tests/fixtures/**/*.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // one project per side (see tsconfig.json); a file is checked with the project that includes it
        project: ['./tsconfig.json', './src-renderer/tsconfig.json', './tests/e2e/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are the agreed way to keep a positional parameter a callback signature requires
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // React ignores what an onClick returns; an async handler there is the normal way to call a mutation.
      // Promise-returning callbacks passed to Node APIs (servers, timers) are still reported.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Off: CLI commands and test doubles implement Promise-returning interfaces without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // Off: values read from JSON are `unknown`; `String(v ?? '')` on them is deliberate, and the rule sees
      // every such `{}` as an object that might print "[object Object]".
      '@typescript-eslint/no-base-to-string': 'off',
      // `never` appears in "unknown value" error messages after an exhaustive check, where it is the point.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true, allowNever: true },
      ],
    },
  },
  {
    // plain Node scripts (bin/, scripts/*.mjs): no TypeScript project covers them, so no type-aware rules
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'Buffer',
          'URL',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'fetch',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    files: ['src-main/hq/**/*.ts'],
    rules: {
      // node-postgres types every row as `any`; HQ's rows get their types with the typed query layer (issue #16).
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // Tests read the CLI's --json output and HTTP bodies through JSON.parse / res.json() (typed `any`) and
      // check them with expect(), which is where their shape is asserted; typing each one first adds nothing.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // ── import boundaries ──
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-main/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [{ group: ['electron/*'], message: noElectron.message }] },
      ],
    },
  },
  {
    files: ['src-main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...builtins.contract.paths],
          patterns: [
            {
              group: ['../*', '!../contract', '!../contract/*'],
              message:
                'The contract is shared with the renderer: it may import zod and itself, nothing else of src-main.',
            },
            ...builtins.contract.patterns,
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...builtins.renderer.paths],
          patterns: [
            {
              group: ['**/src-main/*', '!**/src-main/contract', '!**/src-main/contract/*'],
              message: 'The renderer imports only the contract (src-main/contract) from the main side.',
            },
            ...builtins.renderer.patterns,
          ],
        },
      ],
    },
  },
);
