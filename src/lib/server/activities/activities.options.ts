import type { Db } from '../db/client';
import { offeredTypesByInitiative } from '../activity-types/activity-types.usecases';
import { listOrganisations } from '../organisations/organisations.repository';
import { listInitiatives } from '../plan/plan.repository';
import { inReach, type Reach } from '../shared/reach';
import type { TerritoryScope } from '../shared/scope';
import { listCommunes, listEpcis } from '../territories/territories.repository';

/** Choices offered by activity forms and filters, all inside the territory; initiatives within the reach, with their types. */
export async function activityFormOptions(db: Db, scope: TerritoryScope, reach: Reach) {
	const [initiatives, communes, epcis, organisations] = await Promise.all([
		listInitiatives(db, scope),
		listCommunes(db, scope),
		listEpcis(db, scope),
		listOrganisations(db, scope)
	]);
	// The database's collation is not French ("Éperlecques" after "Zuytpeene"): sort as French readers do.
	const collator = new Intl.Collator('fr');
	const byName = <T extends { name: string }>(a: T, b: T) => collator.compare(a.name, b.name);
	const reached = initiatives.filter((i) => inReach(reach, i.id));
	const types = await offeredTypesByInitiative(
		db,
		scope,
		reached.map((i) => i.id)
	);
	return {
		/** Each initiative with the activity types it offers (the form's type list follows the chosen initiative). */
		initiatives: reached.map((i) => ({ id: i.id, name: i.name, types: types.get(i.id) ?? [] })),
		epcis: [...epcis].sort(byName).map((e) => ({
			siren: e.siren,
			name: e.name,
			communes: communes
				.filter((c) => c.epciSiren === e.siren)
				.sort(byName)
				.map((c) => ({ code: c.codeInsee, name: c.name }))
		})),
		organisations: [...organisations].sort(byName).map((o) => ({ id: o.id, name: o.name }))
	};
}
export type ActivityFormOptions = Awaited<ReturnType<typeof activityFormOptions>>;
