import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'next-env.d.ts',
      'payload-types.ts',
      'examples/client/schema.d.ts',
      'migrations/sqlite/2*.ts',
      'src/app/(payload)/**',
      'bench/results/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      curly: ['error', 'all'],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The client and the reference site stand alone: only the delivery API, never the CMS's code.
    files: ['examples/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@/*',
                '@collections/*',
                '@access/*',
                '@fields/*',
                '@migrations/*',
                '@payload-types',
                '@payload-config',
                'payload',
                'payload/*',
                '@payloadcms/*',
                '**/src/*',
                '**/collections/*',
                '**/access/*',
                '**/fields/*',
                '**/migrations/*',
                '**/payload-types',
                '**/payload.config',
              ],
              message:
                'examples/ reads Signoff only through /content/v1 (examples/client): no CMS code.',
            },
          ],
        },
      ],
    },
  },
)
