import { defineConfig } from 'vitest/config';

/**
 * End-to-end suite: drives the built server (`npm run build`) with Debian Chromium
 * through playwright-core. No SvelteKit plugin: the tests only talk HTTP to a real server.
 */
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		environment: 'node',
		testTimeout: 120_000,
		hookTimeout: 180_000,
		fileParallelism: false,
		pool: 'forks'
	}
});
