// ESLint (`npm run lint`; also run by test/architecture/lint.test.ts). A small, deliberate rule set:
// what guards correctness and the architecture, not formatting. TypeScript itself checks types and
// undefined names; the layering is checked by test/architecture/layering.test.ts. No type-aware
// rules (projectService): they cost a full type-check per run, too slow for CI on two cores.
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx'];
const JS = ['**/*.js', '**/*.mjs', '**/*.cjs'];

export default defineConfig(
  globalIgnores(['node_modules/', 'web/dist/', '.cache/', 'data/', 'artifacts/', 'dist/', 'scratch/']),

  {
    files: [...TS, ...JS],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      // == coerces ('' == 0); `x == null` stays allowed as the one idiom for null-or-undefined.
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A case that runs into the next without a `// falls through` comment is usually a missing break.
      'no-fallthrough': 'error',
      // `a + b ?? c`, `x === []`, `!a == b`: comparisons whose result never depends on the operands.
      'no-constant-binary-expression': 'error',
      // `if (x = y)`: an assignment where a comparison was meant (allowed inside extra parentheses).
      'no-cond-assign': ['error', 'except-parens'],
      // `x === x`, `x = x`: always a typo.
      'no-self-compare': 'error',
      'no-self-assign': 'error',
      // Two identical `case` labels: the second never runs.
      'no-duplicate-case': 'error',
      // return/throw in `finally` silently replaces the try block's outcome.
      'no-unsafe-finally': 'error',
      // An async Promise executor swallows its own exceptions.
      'no-async-promise-executor': 'error',
      // Code after return/throw/break never runs.
      'no-unreachable': 'error',
      // Control characters in a regular expression are usually a typo (the deliberate ones say so).
      'no-control-regex': 'error',
      // '${x}' in a plain string: a template literal was meant (SQL parameters are $1, not ${…}).
      'no-template-curly-in-string': 'error',
      // Only Error objects carry a stack and pass through the error catalogue.
      'no-throw-literal': 'error',
      // eval and its relatives run strings as code.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      // Left-over breakpoints.
      'no-debugger': 'error',
      // The server logs through Fastify's logger (pino); the command line, scripts, tests and
      // benchmarks print (turned off for them below), the browser warns (below).
      'no-console': 'error',
    },
  },

  {
    files: TS,
    languageOptions: { parser: tseslint.parser },
    rules: {
      // Dead variables, parameters and imports; a leading underscore marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': ['error', {
        args: 'after-used', argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none',
        destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
      // Imports used only as types say so (`import type`), so they are erased at run time: no
      // runtime edge (cycles, server code in the web bundle), and the web's imports of the contract
      // stay type-only.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false }],
      // `import x = require()` / require() in an ES-module code base.
      '@typescript-eslint/no-require-imports': 'error',
      // @ts-ignore hides every error on the line; @ts-expect-error with a reason fails when it is no longer needed.
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true, 'ts-nocheck': true, 'ts-check': false }],
    },
  },

  {
    // The HTTP layer and the domain operations are typed end to end (the contract's schemas, the
    // repositories' rows): `any` there hides exactly the mismatches the types are for.
    files: ['src/server/**/*.ts', 'src/services/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },

  {
    // In the browser the console is the log: warnings and errors stay, left-over console.log goes.
    files: ['web/src/**'],
    rules: { 'no-console': ['error', { allow: ['warn', 'error'] }] },
  },

  {
    // Programs that print: the command line, scripts, benchmarks and tests.
    files: ['src/cli/**', 'scripts/**', 'bin/**', 'bench/**', '**/bench.ts', 'test/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-console': 'off' },
  },

  // Plain JavaScript is not type-checked: undefined names are ESLint's to catch there.
  { files: JS, languageOptions: { globals: globals.node }, rules: { 'no-undef': 'error' } },
);
