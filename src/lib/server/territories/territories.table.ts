import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../db/columns';

export const territories = pgTable('territories', {
	id: id(),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	/** Fictional demo activities are present: every page shows a banner. */
	demoLoaded: boolean('demo_loaded').notNull().default(false),
	/** Archived: read-only, data kept, out of the catalogue. Only a platform admin archives. */
	archivedAt: timestamp('archived_at', { withTimezone: true }),
	/**
	 * Moves by one in the transaction of every audited change of the territory (`recordAudit`): the
	 * public pages' cache (`http/public-cache.ts`) keys their rendering on it. Decision 0012.
	 */
	dataVersion: bigint('data_version', { mode: 'number' }).notNull().default(0),
	createdAt: createdAt()
});

export const epcis = pgTable(
	'epcis',
	{
		territoryId: integer('territory_id')
			.notNull()
			.references(() => territories.id, { onDelete: 'cascade' }),
		siren: text('siren').notNull(),
		name: text('name').notNull(),
		kind: text('kind').notNull(),
		population: integer('population')
	},
	(t) => [primaryKey({ columns: [t.territoryId, t.siren] })]
);

export const communes = pgTable(
	'communes',
	{
		territoryId: integer('territory_id')
			.notNull()
			.references(() => territories.id, { onDelete: 'cascade' }),
		codeInsee: text('code_insee').notNull(),
		name: text('name').notNull(),
		epciSiren: text('epci_siren').notNull(),
		departement: text('departement').notNull(),
		population: integer('population')
	},
	(t) => [primaryKey({ columns: [t.territoryId, t.codeInsee] }), index('communes_epci_idx').on(t.territoryId, t.epciSiren)]
);

/**
 * Commune outlines imported by an administrator (GeoJSON, WGS84): the geometry for maps and the
 * centre (d3-geo's spherical centroid) for distances. Optional: without them, tables and no distance.
 */
export const communeOutlines = pgTable(
	'commune_outlines',
	{
		territoryId: integer('territory_id')
			.notNull()
			.references(() => territories.id, { onDelete: 'cascade' }),
		codeInsee: text('code_insee').notNull(),
		/** The feature's geometry as imported (Polygon or MultiPolygon). */
		geometry: jsonb('geometry').notNull(),
		centreLon: doublePrecision('centre_lon').notNull(),
		centreLat: doublePrecision('centre_lat').notNull(),
		importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.territoryId, t.codeInsee] })]
);
