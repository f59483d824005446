import { migrate } from '../../src/lib/server/db/client';
import { ensureDefaultTerritory } from '../../src/lib/server/seed/default-territory';
import type { Command } from '../command';

export const seedCommand: Command = {
	summary: 'crée le territoire par défaut et son plan (sans rien inventer)',
	help: 'Crée Flandre – Pays de Saint-Omer (4 EPCI, 147 communes), le plan, ses 3 objectifs, ses 4 initiatives et les organisations du texte source. Sans effet s’il existe déjà.',
	async run(_args, io) {
		const result = await io.withDatabase(
			async (database) => {
				await migrate(database);
				return ensureDefaultTerritory(database);
			},
			{ prepare: false }
		);
		io.out(result.created ? 'Territoire par défaut créé.' : 'Le territoire par défaut existe déjà : rien à faire.');
		return 0;
	}
};
