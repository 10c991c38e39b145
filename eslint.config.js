import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * The pipeline's stages, in the order data flows (docs/architecture.md). A stage imports only the
 * stages before it; the pure ones (up to package/) touch no file system, clock, environment or
 * process. Lint keeps the picture true.
 */
const STAGES = [
  'model',
  'text',
  'diagnostics',
  'config',
  'read',
  'parse',
  'clean',
  'group',
  'render',
  'package',
  'check',
  'build',
  'shelf',
  'serve',
  'send',
  'cli',
];
// Every stage up to package/ is pure: documents and bytes in, documents and bytes out.
const PURE = new Set(STAGES.slice(0, STAGES.indexOf('package') + 1));
const IO_MODULES = [
  'fs',
  'fs/promises',
  'child_process',
  'os',
  'worker_threads',
  'net',
  'http',
  'https',
  'dgram',
  'readline',
];

const boundaries = STAGES.map((stage, rank) => {
  const below = STAGES.slice(0, rank);
  const allowed = below.length > 0 ? `it may import ${below.join(', ')}` : 'it imports nothing of ficbind';
  const higher = STAGES.slice(rank + 1).map((other) => ({
    group: [`**/${other}/**`, `**/${other}/*`],
    message: `stage order: ${stage}/ comes before ${other}/ in the pipeline, so ${allowed} (docs/architecture.md).`,
  }));
  // The public API sits above every stage.
  higher.push({
    group: ['../index.js', '../../index.js'],
    message: `stage order: ${stage}/ may not import the public API (src/index.ts).`,
  });
  const io = PURE.has(stage)
    ? IO_MODULES.flatMap((name) => [name, `node:${name}`]).map((name) => ({
        name,
        message: `pure stage: ${stage}/ touches no file system or process; do I/O in build/ and pass the result in (docs/architecture.md).`,
      }))
    : [];
  return {
    files: [`src/${stage}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { paths: io, patterns: higher }],
      ...(PURE.has(stage)
        ? {
            'no-restricted-properties': [
              'error',
              {
                object: 'process',
                property: 'env',
                message: `pure stage: ${stage}/ reads no environment; build/ passes what it needs.`,
              },
              {
                object: 'process',
                property: 'cwd',
                message: `pure stage: ${stage}/ knows no working folder; build/ passes paths.`,
              },
              {
                object: 'Date',
                property: 'now',
                message: `pure stage: ${stage}/ reads no clock; build/ passes the time (SOURCE_DATE_EPOCH).`,
              },
            ],
            'no-restricted-syntax': [
              'error',
              {
                selector: "NewExpression[callee.name='Date'][arguments.length=0]",
                message: `pure stage: ${stage}/ reads no clock; build/ passes the time.`,
              },
            ],
            'no-restricted-globals': [
              'error',
              { name: 'performance', message: `pure stage: ${stage}/ reads no clock.` },
            ],
          }
        : {}),
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...boundaries,
  {
    // No import circle anywhere in src/, within a stage as across stages.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Parse the imported modules as TypeScript too, or no-cycle cannot follow them.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
