import { createDemoTerritory, DEMO_TERRITORY, removeDemo } from '../../src/lib/server/seed/demo';
import { option, type Command } from '../command';

export const demoCommand: Command = {
	summary: 'crée (ou recrée) le territoire de démonstration fictif, ou le retire avec --remove',
	help: `Crée le territoire « ${DEMO_TERRITORY.name} » (/t/${DEMO_TERRITORY.slug}) : le plan du territoire par défaut sur le même périmètre,
et environ 320 actions fictives sur les deux dernières années scolaires (plus des actions prévues et quelques annulées),
ainsi que quatre portraits vidéo fictifs, marqués « Démonstration », avec des images et vidéos générées,
et trois témoins fictives au profil public (« Elles témoignent »).
Relancée, la commande le recrée à l’identique. Les territoires réels ne sont jamais modifiés ; le bandeau
« Données de démonstration » n’apparaît que dans le territoire de démonstration.
Options : --remove supprime le territoire de démonstration et tout son contenu ; --count <n>.`,
	async run(args, io) {
		return io.withDatabase(async ({ db }) => {
			if (args.includes('--remove')) {
				io.out((await removeDemo(db)) ? 'Territoire de démonstration supprimé.' : 'Il n’y avait pas de territoire de démonstration.');
				return 0;
			}
			const count = Number(option(args, 'count') ?? 320);
			if (!Number.isInteger(count) || count < 1 || count > 100_000) {
				io.err('--count doit être un entier entre 1 et 100000.');
				return 2;
			}
			const result = await createDemoTerritory(db, { count });
			io.out(
				`Territoire de démonstration prêt : /t/${result.slug} — ${result.count} actions fictives (dont ${result.planned} prévues et ${result.cancelled} annulées), ${result.portraits} portraits vidéo fictifs, ${result.roleModels} témoins fictives.`
			);
			return 0;
		});
	}
};
