/**
 * Vitest global setup: with MIXITE_TEST_DB=postgres, starts one throw-away
 * PostgreSQL server for the whole run and provides its admin URL to the tests
 * (inject('pgAdminUrl')). Otherwise provides '' and tests use in-memory PGlite.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './pg-server';

declare module 'vitest' {
	export interface ProvidedContext {
		pgAdminUrl: string;
	}
}

export default async function setup(project: TestProject) {
	if (process.env.MIXITE_TEST_DB !== 'postgres') {
		project.provide('pgAdminUrl', '');
		return;
	}
	const server = await startPostgres();
	project.provide('pgAdminUrl', server.url);
	return async () => {
		await server.stop();
	};
}
