// ESLint: typescript-eslint's recommended rules, floating promises (type-aware), and the import
// boundaries that hold the layers (README, "Architecture"):
// - nothing imports apps/ (an app is a process's entry point; what two apps share lives in
//   libs/composition), except the apps' own harnesses: test/ and bench/ start the API in-process;
// - a lib imports another lib only through its barrel, `@app/<lib>` (libs/<lib>/src/index.ts);
// - libs/*/src/domain/** is pure: no Nest, no database, no queue, not the platform barrel; only other
//   domain files and the dependency-free libs (DOMAIN_LIBS);
// - a service (*.service.ts) returns domain data, never a GraphQL model: it imports no model
//   (*.type.ts, *.types.ts) or resolver, in its lib or through a barrel (a `...Type` class); the
//   GraphQL classes implement the domain's interfaces and the resolvers map where they differ.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const root = import.meta.dirname;
const dirs = (folder) => readdirSync(join(root, folder), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const LIBS = dirs('libs');
const APPS = dirs('apps');
/** Libs that a domain folder may import: they depend on nothing of ours, on no framework. */
const DOMAIN_LIBS = LIBS.filter((lib) => lib === 'kernel');
const abs = (pattern) => join(root, pattern);

const boundaryZones = [
  ...APPS.map((app) => ({
    target: abs(`apps/${app}/**`),
    from: abs(`apps/!(${app})/**`),
    message: 'An app does not import another app: move what they share to a lib (libs/composition).',
  })),
  {
    target: [abs('libs/**'), abs('seeds/**')],
    from: abs('apps/**'),
    message: 'Nothing imports apps/: what apps share lives in libs/composition.',
  },
  ...LIBS.map((lib) => ({
    target: abs(`libs/${lib}/**`),
    from: abs(`libs/!(${lib})/**`),
    except: [abs(`libs/!(${lib})/src/index.ts`)],
    message: 'A lib imports another lib only through its barrel: `@app/<lib>`.',
  })),
  {
    target: abs('libs/*/src/domain/**'),
    from: [abs('libs/**'), abs('apps/**'), abs('seeds/**'), abs('bench/**'), abs('test/**')],
    except: [abs('libs/*/src/domain/**'), ...DOMAIN_LIBS.map((lib) => abs(`libs/${lib}/**`))],
    message: 'A domain folder imports only other domain files and the dependency-free libs.',
  },
  {
    target: abs('libs/*/src/**/*.service.ts'),
    from: [abs('libs/*/src/**/*.type.ts'), abs('libs/*/src/**/*.types.ts'), abs('libs/*/src/**/*.resolver.ts')],
    message: 'A service returns domain data, not GraphQL models: import the domain interface (domain/, <x>-data.ts) instead.',
  },
];

const FRAMEWORK = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*', 'ioredis', 'bullmq', 'graphql', 'express'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/**', 'docker/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: abs('tsconfig.json') })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
      'import-x/no-self-import': 'error',
      // The ideographic space (U+3000) is Chinese typography in texts and their patterns.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true }],
      // The type checker already refuses what this would catch.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests and the bench read loosely typed GraphQL answers.
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['libs/*/src/**/*.service.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@app/*'],
              importNamePattern: '^(?!Connection)[A-Z]\\w*Type$',
              message: 'A service returns domain data, not GraphQL models: import the domain interface (`...Data`) instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/*/src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...FRAMEWORK, '@app/*', ...DOMAIN_LIBS.map((lib) => `!@app/${lib}`)],
              message: 'A domain folder is pure: no Nest, database, queue or platform; only domain files and the dependency-free libs.',
            },
          ],
        },
      ],
    },
  },
);
