/**
 * Run by `npm run build` after Vite: makes the embedded database's template (an initialised and
 * migrated PGlite data directory holding the default territory, closed cleanly) in
 * build/pglite-<version>/, so that a first start skips initdb and the seeding
 * (src/lib/server/db/pglite-template.ts, decision 0012).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDatabase } from '../src/lib/server/db/client';
import { pgliteTemplatePath } from '../src/lib/server/db/pglite-template';
import { seedDefaultTerritory } from '../src/lib/server/seed/default-territory';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.MIGRATIONS_DIR ??= path.join(root, 'drizzle');
process.env.PGLITE_TEMPLATE_DIR ??= path.join(root, 'build');
const started = performance.now();
const target = pgliteTemplatePath()!;
// Made aside, then moved in place: a half-made template is never used.
const making = `${target}.part`;
fs.rmSync(making, { recursive: true, force: true });
const database = await openDatabase({ dataDir: making });
try {
	await migrate(database);
	await seedDefaultTerritory(database.db);
} finally {
	await database.close();
}
fs.rmSync(path.join(making, 'mixite.lock'), { force: true });
fs.rmSync(target, { recursive: true, force: true });
fs.renameSync(making, target);
console.log(`Modèle de base embarquée prêt : ${path.relative(root, target)} (${Math.round(performance.now() - started)} ms).`);
