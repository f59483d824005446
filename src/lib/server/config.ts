import path from 'node:path';

/** Runtime settings, all from the environment; documented in README. */
export function config() {
	const port = Number(process.env.PORT ?? 3000);
	return {
		port,
		dataDir: path.resolve(process.env.DATA_DIR ?? './data'),
		databaseUrl: process.env.DATABASE_URL || undefined,
		baseURL: (process.env.ORIGIN ?? `http://localhost:${port}`).replace(/\/$/, '')
	};
}
