import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { splitCommandLine } from '../../../cli/command';
import type { CommandIo } from '../../../cli/command';
import { getApp } from './app';
import { config } from './config';
import { logEvent } from './log';

/**
 * The control socket (docs/decisions/0005): while a server holds the embedded database, a `mixite`
 * command run in a terminal is carried out by the server, on its open database, through a Unix
 * socket in DATA_DIR/control that only the data dir's owner can open.
 *
 * Protocol, one JSON object per line: the client sends {"argv": [...], "cwd": "/its/directory"}; the server answers
 * {"out": text} and {"err": text} lines, then {"exit": code}.
 */
export function controlSocketPath(dataDir = config().dataDir): string {
	return path.join(dataDir, 'control', 'mixite.sock');
}

/**
 * Why `file` may not be trusted, or null: it must be of the expected kind (no symlink), belong to
 * the user running this process, and be closed to group and others. Checked on the directory and
 * on the socket, by the server before listening and by the client before connecting.
 */
export function unsafeControlPath(file: string, kind: 'directory' | 'socket'): string | null {
	let stat: fs.Stats;
	try {
		stat = fs.lstatSync(file);
	} catch {
		return `${file} n’existe pas`;
	}
	if (kind === 'directory' ? !stat.isDirectory() : !stat.isSocket()) return `${file} n’est pas un ${kind === 'directory' ? 'dossier' : 'socket'}`;
	if (process.getuid && stat.uid !== process.getuid()) return `${file} appartient à un autre utilisateur (uid ${stat.uid})`;
	if ((stat.mode & 0o077) !== 0) return `${file} est ouvert à d’autres utilisateurs (droits ${(stat.mode & 0o777).toString(8)})`;
	return null;
}

const MAX_REQUEST = 64 * 1024;

export interface ControlServer {
	/** Stops accepting commands and waits for the ones running (before the database closes). */
	stop(): Promise<void>;
}

export async function startControlServer(): Promise<ControlServer | null> {
	const socketPath = controlSocketPath();
	const dir = path.dirname(socketPath);
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	const stat = fs.lstatSync(dir);
	if (stat.isDirectory() && process.getuid && stat.uid === process.getuid()) fs.chmodSync(dir, 0o700);
	const unsafe = unsafeControlPath(dir, 'directory');
	if (unsafe) {
		logEvent('warn', 'control_socket_not_started', { reason: unsafe });
		return null;
	}
	// We hold the data dir's lock: a socket file left here is a crashed server's.
	fs.rmSync(socketPath, { force: true });
	const running = new Set<Promise<unknown>>();
	const server = net.createServer((socket) => {
		const lines = readline.createInterface({ input: socket, crlfDelay: Infinity });
		let received = 0;
		socket.on('data', (chunk) => {
			received += chunk.length;
			if (received > MAX_REQUEST) socket.destroy();
		});
		socket.on('error', () => {});
		lines.once('line', (line) => {
			lines.close();
			const task = serve(line, socket);
			running.add(task);
			void task.finally(() => running.delete(task));
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(socketPath, () => resolve());
	});
	fs.chmodSync(socketPath, 0o600);
	return {
		async stop() {
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await Promise.allSettled([...running]);
			fs.rmSync(socketPath, { force: true });
		}
	};
}

async function serve(line: string, socket: net.Socket): Promise<void> {
	const send = (message: object) => {
		if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
	};
	let argv: unknown;
	let cwd: unknown;
	try {
		({ argv, cwd } = JSON.parse(line) as { argv?: unknown; cwd?: unknown });
	} catch {
		argv = undefined;
	}
	if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) {
		send({ err: 'Requête illisible sur le socket de contrôle.' });
		socket.end(`${JSON.stringify({ exit: 2 })}\n`);
		return;
	}
	const { name, rest } = splitCommandLine(argv);
	// Loaded with the first command: they bring libraries (pdfkit, file-type…) the server's start does not need.
	const { DATABASE_COMMANDS } = await import('../../../cli/commands');
	const command = name ? DATABASE_COMMANDS[name] : undefined;
	let exit: number;
	if (!command) {
		send({ err: `Commande inconnue du serveur : ${name ?? ''}` });
		exit = 2;
	} else {
		const io: CommandIo = {
			out: (text) => send({ out: text }),
			err: (text) => send({ err: text }),
			// Relative paths (mixite fiche --out) are the terminal's, not the server's.
			cwd: typeof cwd === 'string' && path.isAbsolute(cwd) ? cwd : undefined,
			// The server's database is open, migrated and seeded; it stays open after the command.
			withDatabase: (fn) => fn(getApp().database)
		};
		logEvent('info', 'control_command', { command: name });
		try {
			exit = await command.run(rest, io);
		} catch (error) {
			send({ err: error instanceof Error ? error.message : String(error) });
			exit = 1;
		}
	}
	socket.end(`${JSON.stringify({ exit })}\n`);
}
