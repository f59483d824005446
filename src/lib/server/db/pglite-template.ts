import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/*
 * A first start of the embedded database without initdb (decision 0012). PGlite's initdb takes
 * ~8 s on this kind of machine and grows its WASM memory for good. `npm run build` makes once, in
 * PGLITE_TEMPLATE_DIR (`build/`, set by the CLI's launcher), an initialised and migrated PGlite
 * data directory holding the default territory, closed cleanly (`scripts/pglite-template.ts`); a data directory that holds no
 * database yet is first filled with a copy of it (a file copy: milliseconds; PGlite's own
 * `loadDataDir` from a dump was measured at ~4 s, since it unpacks into its in-memory file system
 * and writes every file back), then opened as an existing database, and the migrations apply
 * whatever the template does not have yet. The template is named after PGlite's version: it is
 * only ever opened by the PGlite that made it. Without it (no build, a new PGlite installed since),
 * the first start runs initdb as before.
 */

let version: string | undefined;

/** The installed PGlite's version, from its package.json (its exports do not list that file). */
export function pgliteVersion(): string {
	if (version) return version;
	const require = createRequire(import.meta.url);
	let dir = path.dirname(require.resolve('@electric-sql/pglite'));
	for (;;) {
		const file = path.join(dir, 'package.json');
		if (fs.existsSync(file)) {
			const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
			if (pkg.name === '@electric-sql/pglite' && pkg.version) return (version = pkg.version);
		}
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error('PGlite’s package.json not found');
		dir = parent;
	}
}

/** Where this PGlite's template is (or goes), or null when PGLITE_TEMPLATE_DIR is not set. */
export function pgliteTemplatePath(): string | null {
	const dir = process.env.PGLITE_TEMPLATE_DIR;
	return dir ? path.join(dir, `pglite-${pgliteVersion()}`) : null;
}

/** Files of a data directory that are not the database: our lock (lock.ts). */
const NOT_COPIED = new Set(['mixite.lock']);

/**
 * Fills a data directory that holds no database yet with a copy of the template, when there is
 * one. Returns whether it did. Called under the data directory's lock, before PGlite opens it.
 */
export function startFromTemplate(dataDir: string): boolean {
	if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return false;
	const template = pgliteTemplatePath();
	if (!template || !fs.existsSync(path.join(template, 'PG_VERSION'))) return false;
	for (const name of fs.readdirSync(template)) {
		if (!NOT_COPIED.has(name)) fs.cpSync(path.join(template, name), path.join(dataDir, name), { recursive: true });
	}
	return true;
}
