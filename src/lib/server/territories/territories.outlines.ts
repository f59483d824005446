import { geoCentroid, type GeoPermissibleObjects } from 'd3-geo';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { ValidationError } from '../shared/errors';
import type { Actor, TerritoryScope } from '../shared/scope';
import { TerritoryArchivedError, TerritoryNotFoundError } from './territories.errors';
import { mayAdministerTerritories } from './territories.policy';
import * as repo from './territories.repository';

/** The largest outline file accepted (under BODY_SIZE_LIMIT; simplified outlines of a territory weigh well under 1 MB). */
export const OUTLINES_MAX_BYTES = 10 * 1024 * 1024;
/** How many unknown codes a summary names (the count is always given). */
const NAMED = 20;

/** What an import found, before (dry run) or after writing. */
export interface OutlineImportSummary {
	features: number;
	/** Communes of the territory given an outline. */
	matched: number;
	/** Codes of the file that are not communes of the territory (first ones), and their count. */
	unknown: string[];
	unknownCount: number;
	/** Communes of the territory the file has no outline for. */
	missing: { code: string; name: string }[];
	/** Features without a code or without a usable Polygon/MultiPolygon. */
	invalid: number;
	written: boolean;
}

const position = z.tuple([z.number().finite(), z.number().finite()]).rest(z.number());
const ring = z.array(position).min(4);
const geometrySchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
	z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) })
]);
const collectionSchema = z.object({
	type: z.literal('FeatureCollection'),
	features: z.array(z.object({ type: z.literal('Feature'), properties: z.record(z.string(), z.unknown()).nullable(), geometry: z.unknown() }).passthrough())
});

function readCollection(bytes: Uint8Array) {
	if (bytes.byteLength === 0) throw new ValidationError({ file: { key: 'outlines.error.file' } });
	if (bytes.byteLength > OUTLINES_MAX_BYTES) throw new ValidationError({ file: { key: 'outlines.error.too_large' } });
	let json: unknown;
	try {
		json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
	} catch {
		throw new ValidationError({ file: { key: 'outlines.error.json' } });
	}
	// A single Feature (one commune's outline) is read as a collection of one.
	const isFeature = typeof json === 'object' && json !== null && (json as { type?: unknown }).type === 'Feature';
	const parsed = collectionSchema.safeParse(isFeature ? { type: 'FeatureCollection', features: [json] } : json);
	if (!parsed.success) throw new ValidationError({ file: { key: 'outlines.error.collection' } });
	return parsed.data;
}

/**
 * Imports commune outlines (a GeoJSON FeatureCollection whose features carry the INSEE code in
 * `properties.code`, as Etalab's "contours administratifs", or a single such Feature). Reports the codes that are not
 * communes of the territory and the communes left without outline; a dry run writes nothing. The
 * territory's outlines are replaced all at once, audited; a file that matches no commune changes nothing.
 */
export async function importCommuneOutlines(
	db: Db,
	actor: Actor,
	scope: TerritoryScope,
	file: { bytes: Uint8Array },
	options: { dryRun: boolean }
): Promise<OutlineImportSummary> {
	if (!mayAdministerTerritories(actor.principal)) throw new TerritoryNotFoundError();
	const territory = await repo.findTerritoryById(db, scope.territoryId);
	if (!territory) throw new TerritoryNotFoundError();
	if (territory.archivedAt) throw new TerritoryArchivedError();
	const collection = readCollection(file.bytes);
	const communes = await repo.listCommunes(db, scope);
	const known = new Map(communes.map((c) => [c.codeInsee, c.name]));
	const rows = new Map<string, { codeInsee: string; geometry: z.infer<typeof geometrySchema>; centreLon: number; centreLat: number }>();
	const unknown: string[] = [];
	let invalid = 0;
	for (const feature of collection.features) {
		const code = String(feature.properties?.code ?? '').trim();
		const geometry = geometrySchema.safeParse(feature.geometry);
		if (!code || !geometry.success) {
			invalid++;
			continue;
		}
		if (!known.has(code)) {
			unknown.push(code);
			continue;
		}
		const [lon, lat] = geoCentroid(geometry.data as GeoPermissibleObjects);
		if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
			invalid++;
			continue;
		}
		rows.set(code, { codeInsee: code, geometry: geometry.data, centreLon: lon, centreLat: lat });
	}
	if (rows.size === 0) throw new ValidationError({ file: { key: 'outlines.error.none_matched' } });
	const summary: OutlineImportSummary = {
		features: collection.features.length,
		matched: rows.size,
		unknown: unknown.slice(0, NAMED),
		unknownCount: unknown.length,
		missing: communes.filter((c) => !rows.has(c.codeInsee)).map((c) => ({ code: c.codeInsee, name: c.name })),
		invalid,
		written: false
	};
	if (options.dryRun) return summary;
	await db.transaction(async (tx) => {
		await repo.replaceCommuneOutlines(tx, scope, [...rows.values()]);
		await recordAudit(tx, scope, actor, {
			action: 'import_outlines',
			entityType: 'territory',
			entityId: scope.territoryId,
			after: { matched: summary.matched, missing: summary.missing.length, unknown: summary.unknownCount, invalid }
		});
	});
	return { ...summary, written: true };
}

/** The administration page's line about outlines: how many communes have one, since when. */
export async function outlinesView(db: Db, actor: Actor, scope: TerritoryScope) {
	if (!mayAdministerTerritories(actor.principal)) throw new TerritoryNotFoundError();
	const [status, communes] = [await repo.outlineStatus(db, scope), await repo.listCommunes(db, scope)];
	return { count: status.count, total: communes.length, importedAt: status.importedAt?.toISOString() ?? null };
}
