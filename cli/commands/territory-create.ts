import { createTerritory } from '../../src/lib/server/territories/territories.usecases';
import { option, type Command } from '../command';

export const territoryCreateCommand: Command = {
	summary: 'crée un autre territoire (EPCI et communes officiels)',
	help: `Crée un Territoire d’industrie avec ses intercommunalités et leurs communes (@etalab/decoupage-administratif)
et un plan d’action vide. Puis « mixite user create --territory <slug> » pour sa première coordinatrice.
Options : --slug <slug> --name "<nom>" --epci <SIREN>[,<SIREN>…]`,
	async run(args, io) {
		const slug = option(args, 'slug');
		const name = option(args, 'name');
		const epci = option(args, 'epci');
		if (!slug || !name || !epci) {
			io.err('Options obligatoires : --slug, --name, --epci (voir --help).');
			return 2;
		}
		const result = await io.withDatabase(({ db }) => createTerritory(db, { slug, name, epciSirens: epci.split(',').map((s) => s.trim()) }));
		io.out(`Territoire « ${name} » créé (${slug}, id ${result.territoryId}).`);
		return 0;
	}
};
