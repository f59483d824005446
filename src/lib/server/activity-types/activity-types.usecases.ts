import type { Db } from '../db/client';
import type { TerritoryScope } from '../shared/scope';
import * as repo from './activity-types.repository';

/** The national list of activity types (codes and whether new activities may still use them). */
export async function nationalActivityTypes(db: Db) {
	return repo.listActivityTypes(db);
}

/**
 * The types each initiative offers on its activity form: its choice among the national types
 * still in use; an initiative that has chosen none offers the whole national list.
 */
export async function offeredTypesByInitiative(db: Db, scope: TerritoryScope, initiativeIds: readonly number[]): Promise<Map<number, string[]>> {
	const [national, chosen] = [await repo.listActivityTypes(db), await repo.listInitiativeActivityTypes(db, scope, initiativeIds)];
	const inUse = national.filter((t) => !t.retired).map((t) => t.code);
	return new Map(
		initiativeIds.map((id) => {
			const own = chosen.filter((c) => c.initiativeId === id).map((c) => c.typeCode);
			return [id, own.length ? own.filter((code) => inUse.includes(code)) : inUse];
		})
	);
}

/** The types an initiative has chosen (the plan editor's checkboxes and the API), in the national order. */
export async function chosenTypesByInitiative(db: Db, scope: TerritoryScope, initiativeIds?: readonly number[]) {
	const rows = await repo.listInitiativeActivityTypes(db, scope, initiativeIds);
	const out = new Map<number, string[]>();
	for (const r of rows) out.set(r.initiativeId, [...(out.get(r.initiativeId) ?? []), r.typeCode]);
	return out;
}
