import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { config, ORIGIN_DEFAULTED } from '../../src/lib/server/config';
import type { Command } from '../command';

export const serveCommand: Command = {
	summary: 'démarre la plateforme (base embarquée par défaut)',
	help: `Démarre le serveur web construit par « npm run build ».
Au premier démarrage : crée le schéma, le territoire par défaut et affiche le lien de création du premier compte.
Variables : PORT (3000), DATA_DIR (./data), DATABASE_URL (PostgreSQL), ORIGIN (URL publique).
Sans ORIGIN, les formulaires ne sont acceptés que depuis cette machine : http://localhost, http://127.0.0.1 ou http://[::1].
HOST (0.0.0.0, toutes les interfaces) : HOST=127.0.0.1 pour que les autres machines n’atteignent même pas les pages.
SIGTERM ou Ctrl-C : termine les requêtes en cours puis ferme proprement la base.`,
	async run(_args, io) {
		const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
		const entry = path.join(root, 'build', 'index.js');
		if (!fs.existsSync(entry)) {
			io.err('Le serveur n’est pas construit : lancez d’abord « npm run build ».');
			return 1;
		}
		process.env.PORT ??= '3000';
		// adapter-node builds request URLs from ORIGIN and, without it, assumes https. Give it this
		// machine's address, marked as a default so that config() still trusts every loopback address.
		if (!process.env.ORIGIN?.trim()) {
			process.env.ORIGIN = `http://localhost:${process.env.PORT}`;
			process.env[ORIGIN_DEFAULTED] = '1';
		}
		const stopped = new Promise<number>((resolve) => (process as NodeJS.EventEmitter).once('mixite:stopped', () => resolve(0)));
		// PDFs of conventions go up to 10 MB; adapter-node refuses bodies over 512 KB by default.
		process.env.BODY_SIZE_LIMIT ??= '12M';
		await import(entry);
		io.out(`Mixité Industrie écoute sur ${config().baseURL}`);
		stopWithParent();
		// adapter-node drains requests on SIGTERM; the init hook then closes the database and says so.
		return stopped;
	}
};

/**
 * Launched by npm (`npm start`, `npx mixite serve`), node sits under `sh -c`: a SIGTERM to npm is
 * forwarded to that shell, which dies without passing it on, and the server would keep running and
 * holding the data dir. `npm start` execs node so that the signal arrives here directly; for any
 * other npm launch, when npm's shell goes away we stop as if we had received SIGTERM ourselves.
 * (Not outside npm: `nohup node … &` from a shell that then exits must keep running.)
 */
function stopWithParent(): void {
	if (!process.env.npm_command) return;
	const parent = process.ppid;
	const timer = setInterval(() => {
		if (process.ppid === parent) return;
		clearInterval(timer);
		process.kill(process.pid, 'SIGTERM');
	}, 500);
	timer.unref();
}
