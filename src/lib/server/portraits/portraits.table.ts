import { bigint, boolean, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, id, territoryId, updatedAt } from '../db/columns';
import { activities } from '../activities/activities.table';
import { organisations } from '../organisations/organisations.table';
import { territories } from '../territories/territories.table';

/**
 * A video portrait of a woman of industry (the CORIF portraits). Its files live on disk under
 * DATA_DIR/portraits/<territory>/ (never in the database, never whole in memory); the row keeps
 * their names, types, sizes and content hashes (the ETag). It is public only while it is
 * published AND its consent holds (scope « site web », not withdrawn, not expired): see
 * portraits.policy.ts `isOnline`, checked on every read and by the scheduled job.
 */
export const portraits = pgTable(
	'portraits',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** As she consented to be named: a first name, never more. */
		firstName: text('first_name').notNull(),
		job: text('job').notNull(),
		/** Her firm, from the directory. */
		organisationId: integer('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		sector: text('sector'),
		trainingPath: text('training_path'),
		quote: text('quote'),
		/** Job-family tags (free words chosen by the coordination, e.g. « maintenance »). */
		tags: text('tags').array().notNull().default([]),
		videoFile: text('video_file'),
		videoType: text('video_type'),
		videoSize: bigint('video_size', { mode: 'number' }),
		videoHash: text('video_hash'),
		posterFile: text('poster_file'),
		posterType: text('poster_type'),
		posterHash: text('poster_hash'),
		durationSeconds: integer('duration_seconds'),
		/** WebVTT captions (French) and the full transcript: both required before publication. */
		captions: text('captions'),
		transcript: text('transcript'),
		/** The filmed person's consent: signed on, what it covers (CONSENT_SCOPES), until when, the signed form (PDF). */
		consentSignedOn: date('consent_signed_on', { mode: 'string' }),
		consentScopes: text('consent_scopes').array().notNull().default([]),
		consentExpiresOn: date('consent_expires_on', { mode: 'string' }),
		consentFormFile: text('consent_form_file'),
		consentWithdrawnAt: timestamp('consent_withdrawn_at', { withTimezone: true }),
		/** When the coordination was told the consent ends within 30 days (once per expiry date). */
		expiryWarnedFor: date('expiry_warned_for', { mode: 'string' }),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		/** Fictional portraits of the demo dataset, with generated placeholder media. */
		demo: boolean('demo').notNull().default(false),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('portraits_territory_idx').on(t.territoryId, t.publishedAt)]
);

/**
 * Plays of the public videos, per portrait and day: the indirect exposure (a separate figure,
 * never added to participations). A counter only: no cookie, no address, no person.
 */
export const portraitPlays = pgTable(
	'portrait_plays',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		portraitId: integer('portrait_id')
			.notNull()
			.references(() => portraits.id, { onDelete: 'cascade' }),
		day: date('day', { mode: 'string' }).notNull(),
		plays: integer('plays').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.portraitId, t.day] }), index('portrait_plays_territory_idx').on(t.territoryId, t.day)]
);

/** The portraits shown at a screening: the screening itself is an activity of the portraits' initiative. */
export const screeningPortraits = pgTable(
	'screening_portraits',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		activityId: integer('activity_id')
			.notNull()
			.references(() => activities.id, { onDelete: 'cascade' }),
		portraitId: integer('portrait_id')
			.notNull()
			.references(() => portraits.id, { onDelete: 'restrict' })
	},
	(t) => [primaryKey({ columns: [t.activityId, t.portraitId] }), index('screening_portraits_portrait_idx').on(t.territoryId, t.portraitId)]
);
