#!/usr/bin/env node
// Launcher: Node 20 cannot run TypeScript directly, so the CLI registers tsx first (but for `serve`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.MIGRATIONS_DIR ??= path.join(root, 'drizzle');
// The embedded database's template, written by `npm run build` (src/lib/server/db/pglite-template.ts).
process.env.PGLITE_TEMPLATE_DIR ??= path.join(root, 'build');
const argv = process.argv.slice(2);
if (argv[0] === 'serve' && !argv.includes('--help') && !argv.includes('-h')) {
	// The built server is JavaScript: it runs without tsx, whose loader hooks would see every module it loads.
	const { serve } = await import('./serve.js');
	process.exitCode = await serve({ out: (text) => console.log(text), err: (text) => console.error(text) }).catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		return 1;
	});
} else {
	const { register } = await import('tsx/esm/api');
	register();
	const { main } = await import('./main.ts');
	process.exitCode = await main(argv);
}
