#!/usr/bin/env node
// Launcher: Node 20 cannot run TypeScript directly, so the CLI registers tsx first.
import { register } from 'tsx/esm/api';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.MIGRATIONS_DIR ??= path.join(root, 'drizzle');
// The embedded database's template, written by `npm run build` (src/lib/server/db/pglite-template.ts).
process.env.PGLITE_TEMPLATE_DIR ??= path.join(root, 'build');
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
