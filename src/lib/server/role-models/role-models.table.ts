import { boolean, customType, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, territoryId, updatedAt } from '../db/columns';
import { user } from '../accounts/accounts.table';
import { organisations } from '../organisations/organisations.table';
import { initiatives } from '../plan/plan.table';
import { territories } from '../territories/territories.table';

/**
 * The networks women of industry belong to (Verr'Elles, Capital Filles, Elles Bougent, others),
 * as data per territory. An intervention's activity is counted under its network's initiative.
 */
export const networks = pgTable(
	'networks',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		initiativeId: integer('initiative_id').references(() => initiatives.id, { onDelete: 'set null' }),
		position: integer('position').notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('networks_territory_name_idx').on(t.territoryId, t.name)]
);

/** A woman of industry who meets girls, women and prescribers (role `role_model`). */
export const roleModelProfiles = pgTable(
	'role_model_profiles',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		/** Null until she accepts the coordinator's invitation. */
		userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
		firstName: text('first_name').notNull(),
		lastName: text('last_name').notNull(),
		/** Where proposals and reminders go (her account's address once she has one). */
		email: text('email').notNull(),
		job: text('job'),
		/** Her firm: an organisation of the territory. */
		organisationId: integer('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		sector: text('sector'),
		trainingPath: text('training_path'),
		/** EPCI SIRENs and commune INSEE codes she can reach; both empty: the whole territory. */
		reachEpcis: text('reach_epcis').array().notNull().default([]),
		reachCommunes: text('reach_communes').array().notNull().default([]),
		/** Audience and level codes she prefers (AUDIENCES, LEVELS); empty: no preference. */
		preferredAudiences: text('preferred_audiences').array().notNull().default([]),
		preferredLevels: text('preferred_levels').array().notNull().default([]),
		/** ISO 639-1 codes. */
		languages: text('languages').array().notNull().default(['fr']),
		/** Consent to show her profile (and photo) publicly: its date, and when she withdrew it. */
		publicConsentAt: timestamp('public_consent_at', { withTimezone: true }),
		publicConsentWithdrawnAt: timestamp('public_consent_withdrawn_at', { withTimezone: true }),
		photoPath: text('photo_path'),
		/** A profile that no longer takes part is kept for the history, never deleted. */
		active: boolean('active').notNull().default(true),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('role_model_profiles_territory_idx').on(t.territoryId, t.lastName), uniqueIndex('role_model_profiles_user_idx').on(t.territoryId, t.userId)]
);

export const roleModelNetworks = pgTable(
	'role_model_networks',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		profileId: integer('profile_id')
			.notNull()
			.references(() => roleModelProfiles.id, { onDelete: 'cascade' }),
		networkId: integer('network_id')
			.notNull()
			.references(() => networks.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.profileId, t.networkId] })]
);

/**
 * Availability: `weekly` slots (weekday 1 = Monday … 7, start and end 'HH:MM'), one-off `date`s
 * (on_date, optional times) and periods `away` (from_date … to_date).
 */
export const roleModelAvailability = pgTable(
	'role_model_availability',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		profileId: integer('profile_id')
			.notNull()
			.references(() => roleModelProfiles.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		weekday: smallint('weekday'),
		startTime: text('start_time'),
		endTime: text('end_time'),
		onDate: date('on_date', { mode: 'string' }),
		fromDate: date('from_date', { mode: 'string' }),
		toDate: date('to_date', { mode: 'string' })
	},
	(t) => [index('role_model_availability_profile_idx').on(t.profileId)]
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (value) => Buffer.from(value)
});

/**
 * A role model's photo (JPEG, PNG or WebP, 2 MB at most), one per profile. Shown publicly only
 * while her consent holds; deleted with the profile or when she (or the coordination) removes it.
 */
export const roleModelPhotos = pgTable('role_model_photos', {
	profileId: integer('profile_id')
		.primaryKey()
		.references(() => roleModelProfiles.id, { onDelete: 'cascade' }),
	territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
	contentType: text('content_type').notNull(),
	size: integer('size').notNull(),
	content: bytea('content').notNull(),
	uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow()
});
