// ESLint flat config. Why these rules and not others: docs/decisions/0006-lint-and-format.md.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'drizzle/', 'static/', 'bench/results/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	// Formatting belongs to Prettier: turn off every stylistic rule that would fight it.
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				// Type information for the few rules below that need it (promises left floating are real defects).
				// The two config files outside tsconfig.json's include get a default project.
				projectService: { allowDefaultProject: ['drizzle.config.ts', 'vitest.e2e.config.ts'] },
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: {
			// TypeScript already reports undefined names, with the real types and globals (the ESLint rule does not know them).
			'no-undef': 'off',
			// `_`-prefixed names are deliberately unused (positional parameters, destructuring to omit a key).
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
			// A promise nobody awaits loses its error and its ordering: a real defect, not style.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
			'@typescript-eslint/await-thenable': 'error',
			// The app is served at the root (no kit.paths.base), so resolve() would change no link; the e2e
			// link crawler proves that every link reaches a page. See the decision record.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				parser: ts.parser,
				extraFileExtensions: ['.svelte'],
				svelteConfig
			}
		}
	},
	{
		// Refusing control characters is the point of this pattern (an open-redirect guard).
		files: ['src/lib/server/redirects.ts'],
		rules: { 'no-control-regex': 'off' }
	},
	{
		// Plain JavaScript files outside the TypeScript project (configs, the CLI launcher): no type information.
		files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
		...ts.configs.disableTypeChecked
	}
);
