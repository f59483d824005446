import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { openDatabase } from '../../src/lib/server/db/client';
import { DataDirLockedError } from '../../src/lib/server/db/lock';

let dataDir: string;
beforeAll(() => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-cli-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the mixite command line', () => {
	it.each(['serve', 'migrate', 'seed', 'demo', 'check', 'reminders', 'retention', 'user create', 'territory create'])('"mixite %s --help" explains the command', async (name) => {
		const result = await runCli([...name.split(' '), '--help'], {});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`mixite ${name}`);
	});

	it('an unknown command is refused with the list of commands', async () => {
		const result = await runCli(['frobnicate'], {});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('Commande inconnue');
	});

	it('seed, demo, check and user create work on the embedded database', async () => {
		const env = { DATA_DIR: dataDir, ORIGIN: 'http://localhost:4321' };
		expect((await runCli(['seed'], env)).stdout).toContain('Territoire par défaut créé');
		expect((await runCli(['seed'], env)).stdout).toContain('existe déjà');
		const demo = await runCli(['demo', '--count', '40'], env);
		expect(demo.code, demo.stderr).toBe(0);
		const check = await runCli(['check'], env);
		expect(check.code, check.stdout + check.stderr).toBe(0);
		expect(check.stdout).toContain('correspondent exactement');
		const user = await runCli(['user', 'create'], env);
		expect(user.stdout).toMatch(/http:\/\/localhost:4321\/installation\/[\w-]{40,}/);
		expect((await runCli(['demo', '--remove'], env)).code).toBe(0);
		expect((await runCli(['check'], env)).code).toBe(0);
	});

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
