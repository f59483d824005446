import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	ssr: { external: ['@electric-sql/pglite', 'pg', 'better-auth'] },
	test: {
		include: ['src/**/*.test.ts', 'cli/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		pool: 'forks',
		globalSetup: ['tests/support/global-setup.ts']
	}
});
