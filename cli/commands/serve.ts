import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from '../command';

export const serveCommand: Command = {
	summary: 'démarre la plateforme (base embarquée par défaut)',
	help: `Démarre le serveur web construit par « npm run build ».
Au premier démarrage : crée le schéma, le territoire par défaut et affiche le lien de création du premier compte.
Variables : PORT (3000), DATA_DIR (./data), DATABASE_URL (PostgreSQL), ORIGIN (URL publique).
SIGTERM ou Ctrl-C : termine les requêtes en cours puis ferme proprement la base.`,
	async run() {
		const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
		const entry = path.join(root, 'build', 'index.js');
		if (!fs.existsSync(entry)) {
			console.error('Le serveur n’est pas construit : lancez d’abord « npm run build ».');
			return 1;
		}
		process.env.PORT ??= '3000';
		process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
		const stopped = new Promise<number>((resolve) => (process as NodeJS.EventEmitter).once('mixite:stopped', () => resolve(0)));
		// PDFs of conventions go up to 10 MB; adapter-node refuses bodies over 512 KB by default.
		process.env.BODY_SIZE_LIMIT ??= '12M';
		await import(entry);
		console.log(`Mixité Industrie écoute sur ${process.env.ORIGIN}`);
		// adapter-node drains requests on SIGTERM; the init hook then closes the database and says so.
		return stopped;
	}
};
