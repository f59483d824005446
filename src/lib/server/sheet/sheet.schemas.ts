import { createRequire } from 'node:module';
import { z } from 'zod';
import { OBJECTIVE_TARGETS } from '../../domain/reference';
import type { FieldErrors } from '../shared/errors';
import { msg, toFieldErrors } from '../shared/form';
import { searchParamsToObject, territorySlugSchema } from '../shared/schemas';

interface EtalabRegion {
	code: string;
	nom: string;
}
interface EtalabDepartement {
	code: string;
	region: string;
}

const load = createRequire(import.meta.url);
/** The official regions and départements (@etalab/decoupage-administratif), by code. */
export const REGIONS: readonly EtalabRegion[] = (load('@etalab/decoupage-administratif/data/regions.json') as EtalabRegion[])
	.map((r) => ({ code: r.code, nom: r.nom }))
	.sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));
const REGION_OF_DEPARTEMENT = new Map((load('@etalab/decoupage-administratif/data/departements.json') as EtalabDepartement[]).map((d) => [d.code, d.region]));

export function regionOf(departement: string): string | undefined {
	return REGION_OF_DEPARTEMENT.get(departement);
}

const REGION_CODES = REGIONS.map((r) => r.code) as [string, ...string[]];

/** The catalogue's GET form: free text, a region, an audience of the objectives. */
export const catalogueQuerySchema = z.object({
	q: z.string().trim().max(100, msg('sheet.error_query_too_long')).optional(),
	region: z.enum(REGION_CODES, { error: msg('sheet.error_region_unknown') }).optional(),
	audience: z.enum(OBJECTIVE_TARGETS, { error: msg('sheet.error_audience_unknown') }).optional()
});
export type CatalogueQuery = z.output<typeof catalogueQuerySchema>;

/**
 * The catalogue's filters from the query string. A wrong value is reported next to its field and
 * that filter alone is dropped: the list still shows, never a 500.
 */
export function readCatalogueQuery(params: URLSearchParams): { query: CatalogueQuery; values: Record<string, string>; errors: FieldErrors } {
	const raw = searchParamsToObject(params);
	const values = { q: raw.q ?? '', region: raw.region ?? '', audience: raw.audience ?? '' };
	const parsed = catalogueQuerySchema.safeParse({ q: raw.q, region: raw.region, audience: raw.audience });
	if (parsed.success) return { query: parsed.data, values, errors: {} };
	const errors = toFieldErrors(parsed.error);
	const query: CatalogueQuery = {};
	for (const field of ['q', 'region', 'audience'] as const) {
		if (errors[field] || raw[field] === undefined) continue;
		const one = catalogueQuerySchema.shape[field].safeParse(raw[field]);
		if (one.success) Object.assign(query, { [field]: one.data });
	}
	return { query, values, errors };
}

/** "Partir de ce plan": the territory whose plan is copied, by its slug. */
export const copyPlanSchema = z.object({
	source: territorySlugSchema
});
