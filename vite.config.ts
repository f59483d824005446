import os from 'node:os';
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
		// Vitest's default is one worker less than the cores: one worker on a 2-core CI machine. Each file
		// works on its own database (a PGlite copy, or a PostgreSQL database from the template), so two
		// files run side by side safely, and the suite takes about half as long.
		maxWorkers: Math.max(2, os.availableParallelism() - 1),
		globalSetup: ['tests/support/global-setup.ts'],
		setupFiles: ['tests/support/setup-data-dir.ts']
	}
});
