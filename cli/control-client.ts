import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { controlSocketPath, unsafeControlPath } from '../src/lib/server/control-socket';
import type { CommandIo } from './command';

/**
 * Asks the server that holds the embedded database to carry the command out (docs/decisions/0005)
 * and relays its output. Returns its exit code, or null when no server answers on the socket.
 */
export async function runThroughServer(argv: string[], io: Pick<CommandIo, 'out' | 'err'>): Promise<number | null> {
	const socketPath = controlSocketPath();
	if (!fs.existsSync(socketPath)) return null;
	const unsafe = unsafeControlPath(path.dirname(socketPath), 'directory') ?? unsafeControlPath(socketPath, 'socket');
	if (unsafe) {
		io.err(
			`Socket de contrôle refusé : ${unsafe}. Seul le propriétaire du dossier de données peut commander le serveur ; lancez la commande sous son compte, ou arrêtez le serveur. (Control socket refused.)`
		);
		return 3;
	}
	return new Promise<number | null>((resolve) => {
		const socket = net.createConnection(socketPath);
		let exit: number | null = null;
		let connected = false;
		socket.on('connect', () => {
			connected = true;
			socket.write(`${JSON.stringify({ argv, cwd: process.cwd() })}\n`);
		});
		const lines = readline.createInterface({ input: socket, crlfDelay: Infinity });
		lines.on('line', (line) => {
			const message = JSON.parse(line) as { out?: string; err?: string; exit?: number };
			if (message.out !== undefined) io.out(message.out);
			if (message.err !== undefined) io.err(message.err);
			if (message.exit !== undefined) exit = message.exit;
		});
		socket.on('error', (error) => {
			if (!connected) return resolve(null);
			io.err(`Le serveur n’a pas terminé la commande : ${error.message}`);
			resolve(1);
		});
		socket.on('close', () => {
			if (!connected) return;
			if (exit === null) io.err('Le serveur s’est arrêté avant la fin de la commande.');
			resolve(exit ?? 1);
		});
	});
}
