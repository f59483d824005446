import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from './free-port';
import path from 'node:path';
import { CLI, ROOT } from './cli';

export interface ServedApp {
	base: string;
	child: ChildProcess;
	exited: Promise<number | null>;
	output: () => string;
}

/** Starts the built server as `mixite serve` and waits until it listens. `ORIGIN: ''` starts it without ORIGIN. */
export async function serve(env: Record<string, string>): Promise<ServedApp> {
	return launch(process.execPath, [CLI, 'serve'], env);
}

/** Starts the server as README says, `npm start`: the pid returned is npm's. */
export async function serveWithNpmStart(env: Record<string, string>): Promise<ServedApp> {
	return launch('npm', ['start'], env);
}

async function launch(command: string, args: string[], env: Record<string, string>): Promise<ServedApp> {
	if (!fs.existsSync(path.join(ROOT, 'build', 'index.js'))) throw new Error('Run `npm run build` before the integration tests.');
	const port = await freePort();
	const childEnv: Record<string, string | undefined> = { ...process.env, PORT: String(port), ORIGIN: `http://localhost:${port}`, LOG_LEVEL: 'warn', ...env };
	if (childEnv.ORIGIN === '') delete childEnv.ORIGIN;
	const child: ChildProcess = spawn(command, args, { cwd: ROOT, env: childEnv });
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`server did not start:\n${output}`));
		}, 240_000);
		const poll = setInterval(() => {
			if (output.includes('Listening')) {
				clearInterval(poll);
				clearTimeout(timer);
				resolve();
			}
		}, 50);
		void exited.then((code) => {
			clearInterval(poll);
			clearTimeout(timer);
			reject(new Error(`server exited (${code}):\n${output}`));
		});
	});
	return { base: `http://localhost:${port}`, child, exited, output: () => output };
}

export async function stopServer(app: ServedApp): Promise<number | null> {
	app.child.kill('SIGTERM');
	return app.exited;
}
