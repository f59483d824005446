/**
 * Starts and stops a throw-away real PostgreSQL server for tests.
 *
 * The binaries come from the newest /usr/lib/postgresql/<version>/bin, or from
 * $PG_BIN. When running as root (PostgreSQL refuses to), initdb and pg_ctl run
 * as the `postgres` user and the temporary directory is handed over to it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import { freePort } from './free-port';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PostgresServer {
	url: string;
	/** Stops the server for good and removes its directory. */
	stop: () => Promise<void>;
	/** Stops the same cluster (`pg_ctl stop -m fast`), keeping its data: an outage. */
	stopCluster: () => Promise<void>;
	/** Starts the same cluster again on the same data dir and port, and waits until it answers. */
	startCluster: () => Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';
const START_ATTEMPTS = 3;
const READY_TIMEOUT_MS = 30_000;

function findBinDir(): string {
	const override = process.env.PG_BIN;
	if (override) {
		if (!existsSync(path.join(override, 'initdb'))) {
			throw new Error(`PG_BIN=${override} does not contain initdb`);
		}
		return override;
	}
	let versions: string[] = [];
	try {
		versions = readdirSync(PG_ROOT);
	} catch {
		// no PostgreSQL installed at all
	}
	const candidates = versions
		.filter((v) => existsSync(path.join(PG_ROOT, v, 'bin', 'initdb')))
		.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a) || b.localeCompare(a));
	const newest = candidates[0];
	if (!newest) {
		throw new Error(`No PostgreSQL server binaries found in ${PG_ROOT}/*/bin (set PG_BIN, or run scripts/install-test-deps.sh)`);
	}
	return path.join(PG_ROOT, newest, 'bin');
}

function isRoot(): boolean {
	return process.getuid?.() === 0;
}

/** A directory the postgres user can traverse, for the temporary cluster. */
function baseTempDir(): string {
	const dir = os.tmpdir();
	if (!isRoot()) return dir;
	try {
		// others need execute permission on the base directory
		if ((statSync(dir).mode & 0o001) !== 0) return dir;
	} catch {
		// fall through
	}
	return '/tmp';
}

function hasRunuser(): boolean {
	return ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser', '/bin/runuser'].some((p) => existsSync(p));
}

/** The command line running a PostgreSQL binary, as the postgres user when we are root. */
function pgCommand(binary: string, args: string[]): [string, string[]] {
	if (!isRoot()) return [binary, args];
	if (hasRunuser()) return ['runuser', ['-u', 'postgres', '--', binary, ...args]];
	// su needs a command string: quote every argument (none come from user input).
	const quoted = [binary, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
	return ['su', ['postgres', '-s', '/bin/sh', '-c', quoted]];
}

function pgEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };
	delete env.PGDATA;
	return env;
}

async function runPg(binary: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
	const [command, commandArgs] = pgCommand(binary, args);
	return run(command, commandArgs, { cwd, env: pgEnv() });
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
	const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
	const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
	if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('Cannot find the postgres user');
	return { uid, gid };
}

async function logTail(logFile: string, lines = 30): Promise<string> {
	try {
		const text = await fs.readFile(logFile, 'utf8');
		return text.split('\n').slice(-lines).join('\n').trim();
	} catch {
		return '(no log file)';
	}
}

function describe(error: unknown): string {
	if (error && typeof error === 'object') {
		const e = error as { message?: string; stderr?: string; stdout?: string };
		const message = e.message ?? '';
		const extra = [e.stderr?.trim(), e.stdout?.trim()].filter((t) => t && !message.includes(t));
		return [message, ...extra].filter(Boolean).join('\n');
	}
	return String(error);
}

async function waitUntilReady(url: string): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	let lastError: unknown;
	while (Date.now() < deadline) {
		const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
		try {
			await client.connect();
			await client.query('select 1');
			return;
		} catch (error) {
			lastError = error;
			await new Promise((r) => setTimeout(r, 100));
		} finally {
			await client.end().catch(() => {});
		}
	}
	throw new Error(`PostgreSQL did not accept connections within ${READY_TIMEOUT_MS} ms: ${describe(lastError)}`);
}

export async function startPostgres(): Promise<PostgresServer> {
	const bin = findBinDir();
	const initdb = path.join(bin, 'initdb');
	const pgCtl = path.join(bin, 'pg_ctl');

	const dir = await fs.mkdtemp(path.join(baseTempDir(), 'mixite-pg-'));
	const dataDir = path.join(dir, 'data');
	const logFile = path.join(dir, 'log');

	const removeDir = () => fs.rm(dir, { recursive: true, force: true });

	try {
		if (isRoot()) {
			const { uid, gid } = await postgresIds();
			await fs.chmod(dir, 0o755);
			await fs.chown(dir, uid, gid);
		}
		try {
			await runPg(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'], dir);
		} catch (error) {
			throw new Error(`initdb failed: ${describe(error)}`, { cause: error });
		}
		await fs.chmod(dataDir, 0o700).catch(() => {});
	} catch (error) {
		await removeDir();
		throw error;
	}

	let port = 0;
	let options = '';
	let started = false;
	let lastError: unknown;
	for (let attempt = 1; attempt <= START_ATTEMPTS && !started; attempt++) {
		port = await freePort();
		options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'].join(' ');
		try {
			await runPg(pgCtl, ['-D', dataDir, '-o', options, '-l', logFile, '-w', '-t', '60', 'start'], dir);
			started = true;
		} catch (error) {
			lastError = error;
			await runPg(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], dir).catch(() => {});
			// The port may have been taken between our probe and the start: only then retry.
			if (!/could not bind|address already in use/i.test(await logTail(logFile, 10))) break;
		}
	}

	const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
	let stopped = false;

	const stopSync = () => {
		// Last resort if the process exits without calling stop().
		if (stopped) return;
		stopped = true;
		try {
			const [command, args] = pgCommand(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
			execFileSync(command, args, { cwd: '/', env: pgEnv(), stdio: 'ignore' });
		} catch {
			// ignore
		}
		try {
			execFileSync('rm', ['-rf', '--', dir], { stdio: 'ignore' });
		} catch {
			// ignore
		}
	};

	const stop = async () => {
		if (stopped) return;
		stopped = true;
		process.off('exit', stopSync);
		try {
			await runPg(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop'], dir);
		} catch {
			await runPg(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], dir).catch(() => {});
		} finally {
			await removeDir();
		}
	};

	if (!started) {
		const tail = await logTail(logFile);
		stopped = true;
		await removeDir();
		throw new Error(`PostgreSQL failed to start (pg_ctl in ${bin}): ${describe(lastError)}\n--- server log (tail) ---\n${tail}`);
	}

	process.on('exit', stopSync);

	try {
		await waitUntilReady(url);
	} catch (error) {
		const tail = await logTail(logFile);
		await stop();
		throw new Error(`${describe(error)}\n--- server log (tail) ---\n${tail}`, { cause: error });
	}

	const stopCluster = async () => {
		await runPg(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop'], dir);
	};

	const startCluster = async () => {
		try {
			await runPg(pgCtl, ['-D', dataDir, '-o', options, '-l', logFile, '-w', '-t', '60', 'start'], dir);
			await waitUntilReady(url);
		} catch (error) {
			throw new Error(`${describe(error)}\n--- server log (tail) ---\n${await logTail(logFile)}`, { cause: error });
		}
	};

	return { url, stop, stopCluster, startCluster };
}
