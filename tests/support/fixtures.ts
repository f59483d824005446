import { sql, type SQL } from 'drizzle-orm';
import { expect } from 'vitest';
import { ValidationError } from '../../src/lib/server/shared/errors';
import type { Db } from '../../src/lib/server/db/client';
import { rowsOf } from '../../src/lib/server/db/rows';
import { seedDefaultTerritory } from '../../src/lib/server/seed/default-territory';
import { listInitiatives } from '../../src/lib/server/plan/plan.repository';
import { actionPlans, initiatives } from '../../src/lib/server/plan/plan.table';
import { communes, epcis, territories } from '../../src/lib/server/territories/territories.table';

/** The rows of a raw SQL query. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
	return rowsOf<T>(await db.execute(query));
}

/** The default territory, seeded from the source text, with handy references. */
export async function defaultTerritory(db: Db) {
	const { territoryId } = await seedDefaultTerritory(db);
	const scope = { territoryId };
	const list = await listInitiatives(db, scope);
	return { scope, initiatives: list, initiativeId: list[0]!.id };
}

/** A second, small territory: the neighbour that must never see the first one's data. */
export async function otherTerritory(db: Db) {
	const [t] = await db.insert(territories).values({ slug: 'autre-territoire', name: 'Autre territoire' }).returning();
	const territoryId = t!.id;
	await db.insert(epcis).values({ territoryId, siren: '200000001', name: 'CC Test', kind: 'CC' });
	await db.insert(communes).values({ territoryId, codeInsee: '59350', name: 'Lille', epciSiren: '200000001', departement: '59' });
	const [plan] = await db.insert(actionPlans).values({ territoryId, title: 'Autre plan' }).returning();
	const [initiative] = await db
		.insert(initiatives)
		.values({ territoryId, planId: plan!.id, position: 1, slug: 'autre', name: 'Autre initiative', description: '—' })
		.returning();
	return { scope: { territoryId }, initiativeId: initiative!.id, communeCode: '59350' };
}

export function doneActivity(initiativeId: number, overrides: Record<string, unknown> = {}) {
	return {
		initiativeId,
		type: 'school_visit',
		title: 'Intervention au lycée',
		date: '2025-10-14',
		communeCode: '62765',
		hostOrganisationId: null,
		status: 'done',
		notes: null,
		audiences: [
			{ audience: 'girls', level: 'lycee_pro', count: 12 },
			{ audience: 'boys', level: 'lycee_pro', count: 9 },
			{ audience: 'teachers', level: 'unspecified', count: 2 }
		],
		...overrides
	};
}

/** Reads the aggregate directly, not through the code under test. */
export async function storedParticipations(db: Db, territoryId: number): Promise<number> {
	const result = await db.execute(sql`select coalesce(sum(participations), 0)::int as n from indicator_audience_cells where territory_id = ${territoryId}`);
	return Number((result as unknown as { rows: { n: number }[] }).rows[0]!.n);
}

export async function countRows(db: Db, table: string): Promise<number> {
	const result = await db.execute(sql.raw(`select count(*)::int as n from ${table}`));
	return Number((result as unknown as { rows: { n: number }[] }).rows[0]!.n);
}

/** Awaits a promise that must fail validation; returns field → message key. */
export async function validationFields(promise: Promise<unknown>): Promise<Record<string, string>> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ValidationError);
	return Object.fromEntries(Object.entries((error as ValidationError).fields).map(([k, v]) => [k, v.key]));
}
