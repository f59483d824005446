import { createSetupLink } from '../../src/lib/server/accounts/accounts.usecases';
import { config } from '../../src/lib/server/config';
import { DEFAULT_TERRITORY } from '../../src/lib/server/seed/default-territory';
import type { Database } from '../../src/lib/server/db/client';
import { findTerritoryBySlug } from '../../src/lib/server/territories/territories.repository';
import { option, type Command, type CommandIo } from '../command';

export const userCreateCommand: Command = {
	summary: 'affiche un lien à usage unique pour créer un compte de coordination',
	help: `Affiche un lien à usage unique (valable 72 h) qui crée un compte de coordination du territoire.
Aucun mot de passe ne passe par la ligne de commande.
Options : --territory <slug> (défaut ${DEFAULT_TERRITORY.slug}) ;
--admin : le compte créé administre la plateforme (tous les territoires).`,
	async run(args, io) {
		return io.withDatabase(async ({ db }) => {
			const territory = await territoryOption(db, args, io);
			if (!territory) return 1;
			const admin = args.includes('--admin');
			const link = await createSetupLink(db, territory.id, config().baseURL, new Date(), admin ? 'admin' : 'coordinator');
			const what = admin ? 'd’administration de la plateforme' : `de coordination (${territory.name})`;
			io.out(`Lien de création d’un compte ${what}, à usage unique :\n  ${link}`);
			return 0;
		});
	}
};

/** The territory named by --territory (default: the seeded one), or null after printing why. */
async function territoryOption(db: Database['db'], args: string[], io: CommandIo) {
	const slug = option(args, 'territory') ?? DEFAULT_TERRITORY.slug;
	const territory = await findTerritoryBySlug(db, slug);
	if (!territory) io.err(`Territoire inconnu : ${slug}`);
	return territory;
}
