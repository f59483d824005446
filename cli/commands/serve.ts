import type { Command } from '../command';
import { serve } from '../serve.js';

export const serveCommand: Command = {
	summary: 'démarre la plateforme (base embarquée par défaut)',
	help: `Démarre le serveur web construit par « npm run build ».
Au premier démarrage : crée le schéma, le territoire par défaut et affiche le lien de création du premier compte.
Variables : PORT (3000), DATA_DIR (./data), DATABASE_URL (PostgreSQL), ORIGIN (URL publique).
Sans ORIGIN, les formulaires ne sont acceptés que depuis cette machine : http://localhost, http://127.0.0.1 ou http://[::1].
HOST (0.0.0.0, toutes les interfaces) : HOST=127.0.0.1 pour que les autres machines n’atteignent même pas les pages.
SIGTERM ou Ctrl-C : termine les requêtes en cours puis ferme proprement la base.`,
	run: (_args, io) => serve(io)
};
