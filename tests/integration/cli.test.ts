import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { serve } from '../support/serve';
import { migrate, openDatabase } from '../../src/lib/server/db/client';
import { DataDirLockedError } from '../../src/lib/server/db/lock';
import { pdfText } from '../support/pdf';
import { rows } from '../support/fixtures';
import { sql } from 'drizzle-orm';
import { brokenLegacyRows, LEGACY_MISTAKES, legacyCsv, legacyDoneParticipations, legacyRows, legacyWorkbook } from '../support/legacy-spreadsheet';
import { schoolYearOf } from '../../src/lib/domain/reference';
import { territoryIndicator } from '../../src/lib/server/indicator/indicator.usecases';
import { todayInParis } from '../../src/lib/server/shared/paris-time';
import { findTerritoryBySlug } from '../../src/lib/server/territories/territories.repository';

let dataDir: string;
beforeAll(() => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-cli-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the mixite command line', () => {
	it.each(['serve', 'migrate', 'seed', 'demo', 'check', 'reminders', 'retention', 'user create', 'territory create', 'fiche', 'report', 'jobs run'])(
		'"mixite %s --help" explains the command',
		async (name) => {
			const result = await runCli([...name.split(' '), '--help'], {});
			expect(result.code).toBe(0);
			expect(result.stdout).toContain(`mixite ${name}`);
		}
	);

	it('an unknown command is refused with the list of commands', async () => {
		const result = await runCli(['frobnicate'], {});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('Commande inconnue');
	});

	it('seed, demo, check and user create work on the embedded database', async () => {
		const env = { DATA_DIR: dataDir, ORIGIN: 'http://localhost:4321' };
		expect((await runCli(['seed'], env)).stdout).toContain('Territoire par défaut créé');
		expect((await runCli(['seed'], env)).stdout).toContain('existe déjà');
		const fiche = await runCli(['fiche', '--territory', 'flandre-saint-omer', '--out', path.join(dataDir, 'fiche.pdf')], env);
		expect(fiche.code, fiche.stderr).toBe(0);
		expect(pdfText(fs.readFileSync(path.join(dataDir, 'fiche.pdf')))).toContain('Parties prenantes');
		const badOption = await runCli(['fiche', '--territoire', 'x'], env);
		expect(badOption.code).toBe(2);
		expect(badOption.stderr).toContain('Option non reconnue');
		const demo = await runCli(['demo', '--count', '40'], env);
		expect(demo.code, demo.stderr).toBe(0);
		const check = await runCli(['check'], env);
		expect(check.code, check.stdout + check.stderr).toBe(0);
		expect(check.stdout).toContain('correspondent exactement');
		const user = await runCli(['user', 'create'], env);
		expect(user.stdout).toMatch(/http:\/\/localhost:4321\/installation\/[\w-]{40,}/);
		expect((await runCli(['demo', '--remove'], env)).code).toBe(0);
		expect((await runCli(['check'], env)).code).toBe(0);
		// Seven CLI processes, each opening the embedded database: a minute on a loaded machine.
	}, 400_000);

	it('mixite report writes the yearly report of a school year, whose total is the indicator’s; usage errors exit 2 in French', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-report-'));
		try {
			const env = { DATA_DIR: dir };
			expect((await runCli(['demo', '--count', '40'], env)).code).toBe(0);
			const year = schoolYearOf(todayInParis());
			const database = await openDatabase({ dataDir: path.join(dir, 'pglite') });
			let total: number;
			try {
				const territory = await findTerritoryBySlug(database.db, 'demo');
				total = (await territoryIndicator(database.db, { territoryId: territory!.id }, { schoolYear: year })).participations;
			} finally {
				await database.close();
			}
			const out = path.join(dir, 'bilan.pdf');
			const report = await runCli(['report', '--territory', 'demo', '--year', year, '--out', out], env);
			expect(report.code, report.stderr).toBe(0);
			expect(report.stdout).toContain(`Bilan ${year} de demo écrit dans ${out}`);
			// The key figures' first line: the participations, then the activities beside them.
			const grouped = new Intl.NumberFormat('fr-FR').format(total).replace(/\s/g, '[\\s\u202f]?');
			expect(pdfText(fs.readFileSync(out), { layout: true })).toMatch(new RegExp(`^ *${grouped} +\\S+\\n *participations aux actions réalisées`, 'm'));

			const usage: [string[], string][] = [
				[['report', '--territory', 'demo', '--year', '2025-2027', '--out', out], 'Année scolaire invalide : 2025-2027'],
				[['report', '--territory', 'demo', '--year', '2025', '--out', out], 'Année scolaire attendue sous la forme 2025-2026'],
				[['report', '--territory', 'nulle-part', '--year', year, '--out', out], 'Territoire inconnu : nulle-part'],
				[['report', '--territory', 'demo', '--year', year], 'Option obligatoire manquante : --out'],
				[['report', '--territoire', 'demo'], 'Option non reconnue']
			];
			for (const [args, message] of usage) {
				const result = await runCli(args, env);
				expect(result.code, args.join(' ')).toBe(2);
				expect(result.stderr).toContain(message);
			}
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}, 400_000);

	it('mixite jobs run runs the due jobs once and sends the e-mails waiting in the outbox', async () => {
		const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
		try {
			await migrate(database);
			await database.exec(
				`insert into mail_outbox (kind, to_address, subject, text_body, html_body) values ('password_reset', 'cron@example.org', 'Envoyé par cron', 'Bonjour', '<p>Bonjour</p>')`
			);
		} finally {
			await database.close();
		}
		const run = await runCli(['jobs', 'run', '--json'], { DATA_DIR: dataDir });
		expect(run.code, run.stderr).toBe(0);
		const report = JSON.parse(run.stdout) as { jobs: { name: string; status: string }[]; mail: { sent: number } };
		expect(report.jobs).toContainEqual(expect.objectContaining({ name: 'agreement_reminders', status: 'ran' }));
		expect(report.mail.sent).toBeGreaterThanOrEqual(1);
		const files = fs.readdirSync(path.join(dataDir, 'outbox')).map((f) => fs.readFileSync(path.join(dataDir, 'outbox', f), 'utf8'));
		expect(files.filter((f) => f.includes('To: cron@example.org'))).toHaveLength(1);
	}, 120_000);

	it('mixite check exits non-zero when an aggregate differs from the raw rows', async () => {
		const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
		try {
			await database.exec(`insert into indicator_national (territory_id, month, audience, participations) values (1, '2020-01-01', 'girls', 5)`);
		} finally {
			await database.close();
		}
		const check = await runCli(['check'], { DATA_DIR: dataDir });
		expect(check.code).toBe(1);
		expect(check.stdout).toContain('ÉCART');
		const fix = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
		await fix.exec(`delete from indicator_national where month = '2020-01-01'`);
		await fix.close();
	});
});

describe('mixite import: a legacy spreadsheet of activities', () => {
	it('the broken file is refused by line and header as written, the fixed one counted once, a re-import adds nothing, usage errors exit 2', async () => {
		const importDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-import-'));
		const env = { DATA_DIR: importDir };
		const write = (name: string, bytes: Uint8Array | string) => {
			fs.writeFileSync(path.join(importDir, name), bytes);
			return path.join(importDir, name);
		};
		type Report = {
			rows: number;
			valid: number;
			skipped: number;
			problems: { line: number; column: string; message: string }[];
			created: number;
			duplicates: number;
		};
		// Read from the database itself: imported activities and the indicator's participations.
		const stored = async () => {
			const database = await openDatabase({ dataDir: path.join(importDir, 'pglite') });
			try {
				const [counts] = await rows<{ activities: number; participations: number }>(
					database.db,
					sql`select (select count(*)::int from activities where source = 'import') as activities,
					           (select coalesce(sum(participations), 0)::int from indicator_national) as participations`
				);
				return counts!;
			} finally {
				await database.close();
			}
		};
		try {
			expect((await runCli(['seed'], env)).code).toBe(0);
			const territory = ['--territory', 'flandre-saint-omer'];
			const before = await stored();

			const broken = await legacyWorkbook(brokenLegacyRows());
			const checked = await runCli(['import', write('suivi-2025.xlsx', broken.bytes), ...territory, '--dry-run', '--json'], env);
			expect(checked.code, checked.stderr).toBe(1);
			const problems = (JSON.parse(checked.stdout) as Report).problems;
			for (const mistake of LEGACY_MISTAKES)
				expect(problems).toContainEqual({ line: broken.lines[mistake.row], column: mistake.column, message: expect.stringMatching(mistake.message) });
			expect(await stored()).toEqual(before);

			const fixed = await legacyWorkbook(legacyRows());
			const committed = await runCli(['import', write('suivi-2025-corrige.xlsx', fixed.bytes), ...territory, '--json'], env);
			expect(committed.code, committed.stderr).toBe(0);
			expect(JSON.parse(committed.stdout)).toMatchObject({ rows: 9, valid: 9, skipped: 3, problems: [], created: 9, duplicates: 0 });
			const after = await stored();
			expect(after.activities).toBe(before.activities + 9);
			expect(after.participations).toBe(before.participations + legacyDoneParticipations());

			const again = await runCli(['import', path.join(importDir, 'suivi-2025-corrige.xlsx'), ...territory, '--json'], env);
			expect(again.code, again.stderr).toBe(0);
			expect(JSON.parse(again.stdout)).toMatchObject({ rows: 9, created: 0, duplicates: 9 });
			expect(await stored()).toEqual(after);

			// Headers the import does not know, named by a mapping file (a CSV from French Excel).
			const csv = new TextDecoder('latin1').decode(legacyCsv(legacyRows())).replace('Date;', 'Quand;').replace(';Nb Filles;', ';Effectif F;');
			const renamed = write(
				'suivi-renomme.csv',
				Uint8Array.from(csv, (c) => c.charCodeAt(0))
			);
			const unmapped = await runCli(['import', renamed, ...territory, '--dry-run', '--json'], env);
			expect(unmapped.code).toBe(1);
			expect(JSON.parse(unmapped.stdout).created).toBe(0);
			write('correspondance.json', JSON.stringify({ colonnes: { Quand: 'date', 'Effectif F': 'girls' }, headerRow: 3 }));
			const mapped = await runCli(['import', 'suivi-renomme.csv', ...territory, '--dry-run', '--json', '--mapping', 'correspondance.json'], env, {
				cwd: importDir
			});
			expect(mapped.code, mapped.stdout).toBe(0);
			expect(JSON.parse(mapped.stdout)).toMatchObject({ rows: 9, valid: 9, problems: [], created: 0, duplicates: 9 });

			const usage: [string[], RegExp][] = [
				[['import', renamed, '--dry-run'], /Usage : mixite import FICHIER --territory/],
				[['import', renamed, ...territory, '--simulation'], /Option non reconnue/],
				[['import', path.join(importDir, 'absent.xlsx'), ...territory], /Fichier illisible : .*absent\.xlsx \(ENOENT\)/],
				[['import', renamed, ...territory, '--mapping', write('illisible.json', '{ colonnes')], /correspondance des colonnes est illisible/],
				[['import', renamed, '--territory', 'nulle-part'], /Territoire inconnu : nulle-part/]
			];
			for (const [args, message] of usage) {
				const refused = await runCli(args, env);
				expect(refused.code, args.join(' ')).toBe(2);
				expect(refused.stderr, args.join(' ')).toMatch(message);
			}
			expect(await stored()).toEqual(after);
		} finally {
			fs.rmSync(importDir, { recursive: true, force: true });
		}
	}, 400_000);
});

describe('the embedded database is protected against a second process', () => {
	it('a second process opening the same data dir is refused with a clear message', async () => {
		const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
		try {
			await expect(openDatabase({ dataDir: path.join(dataDir, 'pglite') })).rejects.toBeInstanceOf(DataDirLockedError);
			const second = await runCli(['check'], { DATA_DIR: dataDir });
			expect(second.code).toBe(3);
			expect(second.stderr).toContain('déjà ouvert par un autre processus');
		} finally {
			await database.close();
		}
		expect((await runCli(['check'], { DATA_DIR: dataDir })).code).toBe(0);
	});

	it('a lock left by a crashed process is taken over', async () => {
		fs.writeFileSync(path.join(dataDir, 'pglite', 'mixite.lock'), '999999999');
		const check = await runCli(['check'], { DATA_DIR: dataDir });
		expect(check.code, check.stderr).toBe(0);
	});
});

describe('every command works while a server runs on the embedded database', () => {
	it('user create, demo and check are carried out by the running server, through its control socket, and their effect is visible through it', async () => {
		const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-ctl-'));
		const server = await serve({ DATA_DIR: serverDir });
		try {
			const socket = path.join(serverDir, 'control', 'mixite.sock');
			expect(fs.statSync(socket).isSocket()).toBe(true);
			expect(fs.statSync(socket).mode & 0o777).toBe(0o600);
			expect(fs.statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);

			const user = await runCli(['user', 'create'], { DATA_DIR: serverDir });
			expect(user.code, user.stderr).toBe(0);
			const link = /(http:\/\/\S+\/installation\/[\w-]{40,})/.exec(user.stdout)?.[1];
			expect(link, user.stdout).toContain(server.base);
			// The link is valid in the running server's database: it creates the account.
			const created = await fetch(link!, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: server.base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: 'name=Claire&email=claire%40example.fr&password=un-mot-de-passe-solide&passwordConfirm=un-mot-de-passe-solide'
			});
			expect(created.status).toBe(303);

			const real = await (await fetch(`${server.base}/api/v1/territories/flandre-saint-omer/indicator`)).json();
			expect((await fetch(`${server.base}/api/v1/territories/demo/indicator`)).status).toBe(404);
			const demo = await runCli(['demo', '--count', '40'], { DATA_DIR: serverDir });
			expect(demo.code, demo.stderr).toBe(0);
			expect(demo.stdout).toContain('40 actions fictives');
			// The running server sees the demo territory the command created; the real territory is untouched.
			const demoIndicator = await fetch(`${server.base}/api/v1/territories/demo/indicator`);
			expect(demoIndicator.status).toBe(200);
			expect(JSON.stringify(await demoIndicator.json())).toMatch(/"participations":[1-9]/);
			expect(await (await fetch(`${server.base}/api/v1/territories/flandre-saint-omer/indicator`)).json()).toEqual(real);

			const check = await runCli(['check'], { DATA_DIR: serverDir });
			expect(check.code, check.stderr).toBe(0);
			expect(check.stdout).toContain('correspondent exactement');
			const unknownTerritory = await runCli(['user', 'create', '--territory', 'nulle-part'], { DATA_DIR: serverDir });
			expect(unknownTerritory.code).toBe(1);
			expect(unknownTerritory.stderr).toContain('Territoire inconnu : nulle-part');

			// The action sheet as a PDF, written by the server where the terminal asked (a relative path is the terminal's).
			const here = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-fiche-'));
			const fiche = await runCli(['fiche', '--territory', 'demo', '--out', 'fiche.pdf'], { DATA_DIR: serverDir }, { cwd: here });
			expect(fiche.code, fiche.stderr).toBe(0);
			const sheet = (await (await fetch(`${server.base}/api/v1/territories/demo/sheet`)).json()) as { data: { indicator: { participations: number } } };
			expect(sheet.data.indicator.participations).toBeGreaterThan(0);
			const grouped = new RegExp(`^${new Intl.NumberFormat('fr-FR').format(sheet.data.indicator.participations).replace(/\s/g, '[\\s\u202f]?')}$`);
			for (const bytes of [
				fs.readFileSync(path.join(here, 'fiche.pdf')),
				new Uint8Array(await (await fetch(`${server.base}/t/demo/fiche.pdf`)).arrayBuffer())
			]) {
				const lines = pdfText(bytes)
					.split('\n')
					.map((l) => l.trim());
				for (const title of ['Constat(s)', 'Réalisation(s)', 'Obstacle(s)', 'Objectif(s)', 'Parties prenantes', 'Indicateur(s)'])
					expect(lines).toContain(title);
				expect(lines[lines.indexOf('participations aux actions réalisées, à ce jour') - 1]).toMatch(grouped);
			}
			fs.rmSync(here, { recursive: true, force: true });
			const unknownSheet = await runCli(['fiche', '--territory', 'nulle-part'], { DATA_DIR: serverDir });
			expect(unknownSheet.code).toBe(1);
			expect(unknownSheet.stderr).toContain('Territoire inconnu : nulle-part');
		} finally {
			server.child.kill('SIGTERM');
			expect(await server.exited).toBe(0);
		}
		expect(fs.existsSync(path.join(serverDir, 'control', 'mixite.sock'))).toBe(false);
		fs.rmSync(serverDir, { recursive: true, force: true });
	}, 400_000);

	it('a control socket that other users may open, or that belongs to someone else, is refused', async () => {
		const serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-ctl-'));
		const server = await serve({ DATA_DIR: serverDir });
		const socket = path.join(serverDir, 'control', 'mixite.sock');
		try {
			const refused = async (what: string) => {
				const result = await runCli(['user', 'create'], { DATA_DIR: serverDir });
				expect(result.code, what).toBe(3);
				expect(result.stderr, what).toContain('Socket de contrôle refusé');
				expect(result.stdout, what).not.toContain('/installation/');
			};
			fs.chmodSync(socket, 0o666);
			await refused('socket open to all');
			fs.chmodSync(socket, 0o600);
			fs.chmodSync(path.dirname(socket), 0o755);
			await refused('directory open to others');
			fs.chmodSync(path.dirname(socket), 0o700);
			if (process.getuid?.() === 0) {
				fs.chownSync(socket, 65534, 65534);
				await refused('socket of another user');
				fs.chownSync(socket, 0, 0);
			}
			expect((await runCli(['check'], { DATA_DIR: serverDir })).code).toBe(0);
		} finally {
			server.child.kill('SIGTERM');
			await server.exited;
			fs.rmSync(serverDir, { recursive: true, force: true });
		}
	}, 400_000);
});

describe('a stale lock does not block start-up', () => {
	it('a lock whose pid now belongs to an unrelated live process is taken over', async () => {
		const unrelated = spawn('sleep', ['600']);
		try {
			const lock = path.join(dataDir, 'pglite', 'mixite.lock');
			fs.mkdirSync(path.dirname(lock), { recursive: true });
			// A lock from before start times were recorded: the pid alone, now a `sleep`.
			fs.writeFileSync(lock, String(unrelated.pid));
			const legacy = await runCli(['seed'], { DATA_DIR: dataDir });
			expect(legacy.code, legacy.stderr).toBe(0);
			// A crashed mixite's lock (pid and start time) whose pid was reused by the `sleep`.
			fs.writeFileSync(lock, `${unrelated.pid} 1`);
			const reused = await runCli(['seed'], { DATA_DIR: dataDir });
			expect(reused.code, reused.stderr).toBe(0);
		} finally {
			unrelated.kill();
		}
	}, 400_000);
});
