import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authLibraryCalls, endpointMethods, formActionNames, importsOf, ROOT, SRC, transactionCalls, type ImportRef } from '../tests/support/source-ast';

/**
 * House rules that a reviewer would otherwise check by hand (CONTRIBUTING.md), read from the
 * syntax tree of each file with the TypeScript compiler API (and the Svelte parser for the
 * <script> blocks of components): imports, calls and exports, never the text around them.
 * Each rule is also run on a small bad example, so that a rule which cannot fail is noticed.
 */

function files(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const SERVER = path.join(SRC, 'lib', 'server');
const inside = (file: string, dir: string) => file === dir || file.startsWith(dir + path.sep);
const isTest = (file: string) => /\.test\.ts$/.test(file);

// ---------------------------------------------------------------------------------------------
// The rules: each takes a file name and its text, and returns its violations ("file:line what").

/** Routes are thin: parse → authorize → use case → map. Data access and the auth library stay behind use cases. */
function routeViolations(file: string, text: string): string[] {
	const forbidden = (i: ImportRef): string | undefined => {
		if (i.specifier === 'drizzle-orm' || i.specifier.startsWith('drizzle-orm/')) return 'imports Drizzle';
		if (i.specifier === 'better-auth' || i.specifier.startsWith('better-auth/')) return 'imports the auth library';
		if (i.resolved?.endsWith('.repository')) return 'imports a repository';
		if (i.resolved?.endsWith('.table')) return 'imports a table';
		if (i.resolved === path.join(SERVER, 'accounts', 'auth')) return 'imports the auth library (accounts/auth.ts)';
		return undefined;
	};
	return [
		...importsOf(file, text).flatMap((i) => {
			const why = forbidden(i);
			return why ? [`${rel(file)}:${i.line} ${why}: '${i.specifier}'`] : [];
		}),
		...authLibraryCalls(file, text).map((line) => `${rel(file)}:${line} calls the auth library (auth.api) instead of a use case`)
	];
}

/** Use cases own transactions; a repository works inside the one it is given. */
function repositoryViolations(file: string, text: string): string[] {
	return transactionCalls(file, text).map((line) => `${rel(file)}:${line} opens a transaction`);
}

/** Browser code never reaches server modules or private configuration, not even for a type. */
function uiViolations(file: string, text: string): string[] {
	const serverOnly = (i: ImportRef) =>
		(i.resolved !== undefined && inside(i.resolved, SERVER)) ||
		i.specifier === '$app/server' ||
		i.specifier === '$env/static/private' ||
		i.specifier === '$env/dynamic/private';
	return importsOf(file, text)
		.filter(serverOnly)
		.map((i) => `${rel(file)}:${i.line} imports server code: '${i.specifier}'`);
}

/**
 * The project files a module loads with it: its static imports that survive the build (not
 * `import type`, not `import()`), and theirs, followed through relative and `$lib` paths.
 */
function staticClosure(start: string): Set<string> {
	const seen = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		for (const i of importsOf(file, fs.readFileSync(file, 'utf8'))) {
			if (i.typeOnly || i.dynamic || !i.resolved) continue;
			const target = [`${i.resolved}.ts`, i.resolved, path.join(i.resolved, 'index.ts')].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
			if (target) visit(target);
		}
	};
	visit(start);
	return seen;
}

/**
 * `mixite serve` runs the built server (build/index.js), which holds every module of the platform;
 * what the CLI's entry loads through tsx before it must not reach them (the database client, which
 * every domain uses), or they are loaded twice: a slower start and more memory (issue #9).
 */
const DATABASE_CLIENT = path.join(SERVER, 'db', 'client.ts');
function cliStartViolations(start: string): string[] {
	return staticClosure(start).has(DATABASE_CLIENT)
		? [`${rel(start)} loads ${rel(DATABASE_CLIENT)} statically: \`mixite serve\` would load the server twice`]
		: [];
}
const CLI_ENTRY = path.join(ROOT, 'cli', 'main.ts');

/**
 * Libraries the server loads when they are first used, not with its start (issue #9, a fresh start
 * ≤ 3 s): better-auth (half a second: app.ts `auth()`), pdfkit and file-type (the commands of the
 * control socket, the PDFs, the uploads), nodemailer (the first message).
 */
const LOADED_WHEN_USED = ['better-auth', 'pdfkit', 'nodemailer', 'file-type', 'exceljs', 'yauzl', 'saxes'];
function serverStartViolations(start: string): string[] {
	return [...staticClosure(start)].flatMap((file) =>
		importsOf(file, fs.readFileSync(file, 'utf8'))
			.filter((i) => !i.typeOnly && !i.dynamic && LOADED_WHEN_USED.some((lib) => i.specifier === lib || i.specifier.startsWith(`${lib}/`)))
			.map((i) => `${rel(file)}:${i.line} loads '${i.specifier}' with the server's start`)
	);
}
const SERVER_START = path.join(SRC, 'hooks.server.ts');

// ---------------------------------------------------------------------------------------------
// Which files each rule applies to.

const ALL = files(SRC);
const ROUTE_FILES = files(path.join(SRC, 'routes')).filter((f) => f.endsWith('.ts') && !isTest(f));
const REPOSITORIES = ALL.filter((f) => f.endsWith('.repository.ts'));
/** Every component, and every module of src/lib outside src/lib/server (components, domain, i18n, links…). */
const UI_FILES = ALL.filter((f) => !isTest(f) && (f.endsWith('.svelte') || (inside(f, path.join(SRC, 'lib')) && !inside(f, SERVER) && f.endsWith('.ts'))));

/**
 * Known violations, each with the issue that removes it. Keep this list short: an entry whose file
 * no longer violates the rule fails the test below, so the list only ever shrinks.
 */
const KNOWN_ROUTE_VIOLATIONS: Record<string, string> = {};

type Source = { file: string; text: string };
const read = (targets: string[]): Source[] => targets.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

function check(sources: Source[], rule: (file: string, text: string) => string[], known: Record<string, string> = {}) {
	const found = sources.map((s) => ({ file: rel(s.file), violations: rule(s.file, s.text) }));
	const unexpected = found.filter((r) => !(r.file in known)).flatMap((r) => r.violations);
	const stale = Object.keys(known).filter((file) => !found.some((r) => r.file === file && r.violations.length > 0));
	return { unexpected, stale };
}

describe('house rules that a reviewer would otherwise have to check by hand', () => {
	it('finds the files it checks (an empty list would pass every rule)', () => {
		expect(ROUTE_FILES.length).toBeGreaterThan(20);
		expect(REPOSITORIES.length).toBeGreaterThan(5);
		expect(UI_FILES.filter((f) => f.endsWith('.svelte')).length).toBeGreaterThan(10);
	});

	it('a route never imports Drizzle, a table, a repository or the auth library: it calls use cases', () => {
		const { unexpected, stale } = check(read(ROUTE_FILES), routeViolations, KNOWN_ROUTE_VIOLATIONS);
		expect(unexpected).toEqual([]);
		// A fixed file must leave the list of known violations.
		expect(stale).toEqual([]);
	});

	it('a repository never opens a transaction: use cases do', () => {
		expect(check(read(REPOSITORIES), repositoryViolations).unexpected).toEqual([]);
	});

	it('UI code (components, domain, i18n) never imports server modules', () => {
		expect(check(read(UI_FILES), uiViolations).unexpected).toEqual([]);
	});

	it('the command line reaches the server’s modules only when a command other than serve asks for them', () => {
		expect(staticClosure(CLI_ENTRY).size).toBeGreaterThan(3);
		expect(cliStartViolations(CLI_ENTRY)).toEqual([]);
	});

	it('the server starts without the libraries it loads when first used (better-auth, pdfkit, nodemailer, file-type)', () => {
		expect(staticClosure(SERVER_START).size).toBeGreaterThan(50);
		expect(serverStartViolations(SERVER_START)).toEqual([]);
	});
});

describe('each rule fails on a bad example (so that it can fail at all)', () => {
	it('a command module that imports the database statically is refused as an entry of the command line', () => {
		expect(cliStartViolations(path.join(ROOT, 'cli', 'commands', 'index.ts'))).toHaveLength(1);
	});

	it('the commands, loaded statically, would bring pdfkit with the server’s start (mixite fiche)', () => {
		expect(serverStartViolations(path.join(ROOT, 'cli', 'commands', 'index.ts')).join('\n')).toContain("src/lib/server/shared/pdf.ts:4 loads 'pdfkit'");
	});

	const route = path.join(SRC, 'routes', 'exemple', '+page.server.ts');

	it('a route importing a repository, a table, Drizzle or the auth library is refused, however the import is written', () => {
		const bad = [
			`import {`,
			`	listThings // a comment between the braces`,
			`} from '$lib/server/things/things.repository';`,
			`import type { things } from '../../lib/server/things/things.table';`,
			`import { eq } from 'drizzle-orm/sql';`,
			`import { createAuth } from "$lib/server/accounts/auth";`,
			`export const load = async () => (await import('better-auth')).betterAuth;`
		].join('\n');
		expect(routeViolations(route, bad)).toEqual([
			`src/routes/exemple/+page.server.ts:1 imports a repository: '$lib/server/things/things.repository'`,
			`src/routes/exemple/+page.server.ts:4 imports a table: '../../lib/server/things/things.table'`,
			`src/routes/exemple/+page.server.ts:5 imports Drizzle: 'drizzle-orm/sql'`,
			`src/routes/exemple/+page.server.ts:6 imports the auth library (accounts/auth.ts): '$lib/server/accounts/auth'`,
			`src/routes/exemple/+page.server.ts:7 imports the auth library: 'better-auth'`
		]);
	});

	it('a route calling auth.api directly is refused; one calling a use case with auth is not', () => {
		const bad = `export const POST = async () => { const { auth } = getApp(); await auth.api.signOut({ headers }); await getApp()\n\t.auth.api.verifyEmail({}); };`;
		expect(routeViolations(route, bad)).toEqual([
			'src/routes/exemple/+page.server.ts:1 calls the auth library (auth.api) instead of a use case',
			'src/routes/exemple/+page.server.ts:1 calls the auth library (auth.api) instead of a use case'
		]);
		const good = `import { signIn } from '$lib/server/accounts/accounts.usecases';\n// auth.api.signOut() is not called here: this is a comment\nexport const load = () => signIn(db, getApp().auth, values, 'from drizzle-orm');`;
		expect(routeViolations(route, good)).toEqual([]);
	});

	it('a repository calling .transaction( is refused; the word in a comment or a string is not', () => {
		const file = path.join(SERVER, 'things', 'things.repository.ts');
		const bad = `/** Runs in the caller's transaction: db.transaction( is not called here. */\nexport async function f(db: Db) {\n\tconst label = 'tx.transaction(';\n\treturn db\n\t\t.transaction(async (tx) => tx.select());\n}\nexport const g = (db: Db) => db['transaction'](async () => 1);`;
		expect(repositoryViolations(file, bad)).toEqual([
			'src/lib/server/things/things.repository.ts:4 opens a transaction',
			'src/lib/server/things/things.repository.ts:7 opens a transaction'
		]);
	});

	it('a component importing server code, in either <script> block, even for a type, is refused', () => {
		const file = path.join(SRC, 'lib', 'components', 'Exemple.svelte');
		const bad = [
			`<script module lang="ts">`,
			`	import type { Db } from '../server/db/client';`,
			`</script>`,
			`<!-- <script>import x from '$lib/server/app';</script> is only a comment -->`,
			`<script lang="ts">`,
			`	import { getApp } from '$lib/server/app';`,
			`	import { env } from '$env/dynamic/private';`,
			`	import { t } from '$lib/i18n';`,
			`</script>`,
			`<p>{t('x')}</p>`
		].join('\n');
		expect(uiViolations(file, bad)).toEqual([
			`src/lib/components/Exemple.svelte:2 imports server code: '../server/db/client'`,
			`src/lib/components/Exemple.svelte:6 imports server code: '$lib/server/app'`,
			`src/lib/components/Exemple.svelte:7 imports server code: '$env/dynamic/private'`
		]);
	});

	it('a domain or i18n module importing server code is refused', () => {
		expect(uiViolations(path.join(SRC, 'lib', 'domain', 'exemple.ts'), `export { ROLES } from '../server/accounts/permissions';`)).toEqual([
			`src/lib/domain/exemple.ts:1 imports server code: '../server/accounts/permissions'`
		]);
	});

	it('a known violation that has been fixed must leave the list', () => {
		const fixed = { file: path.join(SRC, 'routes', 'deconnexion', '+server.ts'), text: `export const POST = (event) => signOut(event);` };
		const stillBad = { file: path.join(SRC, 'routes', 'autre', '+server.ts'), text: `import { x } from '$lib/server/x/x.repository';` };
		const { unexpected, stale } = check([fixed, stillBad], routeViolations, { [rel(fixed.file)]: '#6', [rel(stillBad.file)]: '#6' });
		expect(unexpected).toEqual([]);
		expect(stale).toEqual(['src/routes/deconnexion/+server.ts']);
	});
});

describe('the route matrix reads form actions and endpoint methods from the syntax tree, not from the layout of the text', () => {
	const page = path.join(SRC, 'routes', 'exemple', '+page.server.ts');
	const endpoint = path.join(SRC, 'routes', 'exemple', '+server.ts');

	it('finds every action however it is indented, typed or wrapped, and none named only in a comment or a string', () => {
		const source = [
			`export const actions = {`,
			`    default: async () => {}, // four spaces, not a tab`,
			`	'sign-out': async () => { const text = "\\n\\tfake: async () => {}"; },`,
			`	// hidden: async () => {},`,
			`	update(event) { return event; },`,
			`	cancel: handler`,
			`} satisfies Actions;`
		].join('\n');
		expect(formActionNames(page, source)).toEqual(['default', 'sign-out', 'update', 'cancel']);
		expect(formActionNames(page, `export const actions: Actions = formActions({ invite: a, deactivate: b });`)).toEqual(['invite', 'deactivate']);
		expect(formActionNames(page, `export const load = () => ({ actions: { fake: 1 } });`)).toBeUndefined();
	});

	it('refuses actions it cannot list, rather than miss one', () => {
		expect(() => formActionNames(page, `export const actions = { ...shared, own: a };`)).toThrow(/spread/);
		expect(() => formActionNames(page, `export const actions = build();`)).toThrow(/not an object literal/);
		expect(() => formActionNames(page, `export const actions = { [name]: a };`)).toThrow(/computed action name/);
	});

	it('finds every exported HTTP method, whatever the form of the export', () => {
		const source = [
			`export async function GET() {}`,
			`export const POST: RequestHandler = async () => new Response();`,
			`function remove() {}`,
			`export { remove as DELETE };`,
			`// export const PUT = () => {};`,
			`const PATCH = 1;`
		].join('\n');
		expect(endpointMethods(endpoint, source)).toEqual(['GET', 'POST', 'DELETE']);
	});
});
