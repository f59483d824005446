import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from '../../support/free-port';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = path.join(ROOT, 'cli', 'mixite.js');
const BUILD_ENTRY = path.join(ROOT, 'build', 'index.js');

export interface TestServer {
	baseURL: string;
	/** The one-time link printed on first start to create the first coordinator. */
	setupLink: string;
	dataDir: string;
	/** Everything the server printed on stdout so far. */
	readonly stdout: string;
	/** Everything the server printed on stderr so far. */
	readonly stderr: string;
	stop(): Promise<void>;
}

export interface StartOptions {
	/** Load the fictitious demo data set (`mixite demo`) before the server starts. */
	demo?: boolean | { count: number };
	/** Other `mixite` commands to run on the fresh data dir before the server starts. */
	cli?: string[][];
	/** How long to wait for "Listening" (ms). */
	startTimeout?: number;
	/** More environment for the server and the commands (e.g. SMTP_URL of a test SMTP server). */
	env?: NodeJS.ProcessEnv;
}

function assertBuilt(): void {
	if (!fs.existsSync(BUILD_ENTRY)) {
		throw new Error(`The e2e tests need the built server (${path.relative(ROOT, BUILD_ENTRY)} is missing): run \`npm run build\` first.`);
	}
}

function baseEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		DATA_DIR: dataDir,
		PORT: String(port),
		ORIGIN: `http://localhost:${port}`,
		LOG_LEVEL: 'warn',
		NODE_ENV: 'production'
	};
	// Never point the e2e server at an external database: each run gets its own embedded one.
	delete env.DATABASE_URL;
	delete env.HOST;
	return env;
}

/**
 * Starts `node cli/mixite.js serve` on a free port with a brand-new DATA_DIR
 * (so a fresh embedded PGlite database), waits for "Listening" and captures the setup link.
 */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
	assertBuilt();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixite-e2e-'));
	const port = await freePort();
	const env = { ...baseEnv(dataDir, port), ...options.env };

	if (options.demo) {
		// The PGlite directory is locked while the server runs: load the demo first.
		const count = typeof options.demo === 'object' ? ['--count', String(options.demo.count)] : [];
		const demo = spawnSync(process.execPath, [CLI, 'demo', ...count], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
		if (demo.status !== 0) {
			fs.rmSync(dataDir, { recursive: true, force: true });
			throw new Error(`\`mixite demo\` failed (exit ${demo.status}):\n${demo.stdout}\n${demo.stderr}`);
		}
	}

	for (const args of options.cli ?? []) {
		const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
		if (run.status !== 0) {
			fs.rmSync(dataDir, { recursive: true, force: true });
			throw new Error(`\`mixite ${args.join(' ')}\` failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
		}
	}

	const child: ChildProcess = spawn(process.execPath, [CLI, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let stdout = '';
	let stderr = '';
	child.stdout!.setEncoding('utf8');
	child.stderr!.setEncoding('utf8');
	child.stdout!.on('data', (chunk: string) => (stdout += chunk));
	child.stderr!.on('data', (chunk: string) => (stderr += chunk));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));

	let stopped = false;
	const stop = async (): Promise<void> => {
		if (!stopped) {
			stopped = true;
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				// adapter-node drains connections for up to SHUTDOWN_TIMEOUT (30 s) before closing them.
				const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
				await exited;
				clearTimeout(timer);
			}
		}
		fs.rmSync(dataDir, { recursive: true, force: true });
	};

	try {
		const setupLink = await new Promise<string>((resolve, reject) => {
			const timeout = options.startTimeout ?? 90_000;
			const timer = setTimeout(() => done(new Error(`The server did not print "Listening" within ${timeout} ms.`)), timeout);
			const onData = () => {
				if (!/Listening/.test(stdout)) return;
				const match = stdout.match(new RegExp(`http://localhost:${port}/installation/[A-Za-z0-9_-]+`));
				done(match ? null : new Error('The server started but printed no setup link (/installation/<token>).'), match?.[0]);
			};
			const onExit = (code: number | null) => done(new Error(`The server exited early (code ${code}).`));
			function done(error: Error | null, link?: string) {
				clearTimeout(timer);
				child.stdout!.off('data', onData);
				child.off('exit', onExit);
				if (error) reject(new Error(`${error.message}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`));
				else resolve(link!);
			}
			child.stdout!.on('data', onData);
			child.once('exit', onExit);
			onData();
		});
		return {
			baseURL: `http://localhost:${port}`,
			setupLink,
			dataDir,
			get stdout() {
				return stdout;
			},
			get stderr() {
				return stderr;
			},
			stop
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
