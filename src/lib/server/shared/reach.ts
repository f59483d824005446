import { inArray, sql, type Column, type SQL } from 'drizzle-orm';

/**
 * Which records of a territory an actor may touch, by the ids they hang on (initiatives for
 * activities, organisations for agreements and tokens): `'all'` or a list. Every repository read
 * and write of a domain with record-level rules requires one — there is no default that means
 * "everything"; the domain's policy (`<domain>.policy.ts`) computes it from the principal.
 */
export type Reach = 'all' | readonly number[];

export function inReach(reach: Reach, id: number): boolean {
	return reach === 'all' || reach.includes(id);
}

/** The SQL condition for a reach on the column holding the id; an empty list matches nothing. */
export function reachCondition(column: Column, reach: Reach): SQL | undefined {
	if (reach === 'all') return undefined;
	return reach.length ? inArray(column, [...reach]) : sql`false`;
}
