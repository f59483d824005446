import { loadDemo, removeDemo } from '../../src/lib/server/seed/demo';
import { option, territoryOption, type Command } from '../command';

export const demoCommand: Command = {
	summary: 'charge (ou retire avec --remove) le jeu de démonstration fictif',
	help: `Charge environ 320 actions fictives sur les deux dernières années scolaires dans le territoire par défaut.
Tant qu’il est chargé, chaque page affiche un bandeau « Données de démonstration ».
Options : --remove retire les actions fictives (les vraies restent) ; --territory <slug> ; --count <n>.`,
	async run(args, io) {
		return io.withDatabase(async ({ db }) => {
			const territory = await territoryOption(db, args, io);
			if (!territory) return 1;
			if (args.includes('--remove')) {
				await removeDemo(db, { territoryId: territory.id });
				io.out('Données de démonstration retirées.');
				return 0;
			}
			if (territory.demoLoaded) {
				io.out('Les données de démonstration sont déjà chargées (--remove pour les retirer).');
				return 0;
			}
			const count = Number(option(args, 'count') ?? 320);
			if (!Number.isInteger(count) || count < 1 || count > 100_000) {
				io.err('--count doit être un entier entre 1 et 100000.');
				return 2;
			}
			const result = await loadDemo(db, { territoryId: territory.id }, { count });
			io.out(`${result.count} actions fictives chargées. Le bandeau « Données de démonstration » est affiché.`);
			return 0;
		});
	}
};
