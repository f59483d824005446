import { translator } from '../../src/lib/i18n';
import { ValidationError } from '../../src/lib/server/shared/errors';
import { SYSTEM_ACTOR } from '../../src/lib/server/shared/scope';
import { createTerritory } from '../../src/lib/server/territories/territories.usecases';
import { option, type Command } from '../command';

export const territoryCreateCommand: Command = {
	summary: 'crée un autre territoire (EPCI et communes officiels)',
	help: `Crée un Territoire d’industrie avec ses intercommunalités et leurs communes (@etalab/decoupage-administratif)
et un plan d’action vide. Puis « mixite user create --territory <slug> » pour sa première coordinatrice
(ou la page /admin/territoires, qui l’invite par e-mail).
Options : --slug <slug> --name "<nom>" --epci <SIREN>[,<SIREN>…]`,
	async run(args, io) {
		const slug = option(args, 'slug');
		const name = option(args, 'name');
		const epci = option(args, 'epci');
		if (!slug || !name || !epci) {
			io.err('Options obligatoires : --slug, --name, --epci (voir --help).');
			return 2;
		}
		try {
			const result = await io.withDatabase(({ db }) => createTerritory(db, SYSTEM_ACTOR, { slug, name, epciSirens: epci }));
			io.out(`Territoire « ${name} » créé (${slug}, id ${result.territoryId}).`);
			return 0;
		} catch (e) {
			if (!(e instanceof ValidationError)) throw e;
			const t = translator('fr');
			for (const [field, m] of Object.entries(e.fields)) io.err(`${field} : ${t(m.key, m.params)}`);
			return 1;
		}
	}
};
