import { boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, territoryId, updatedAt } from '../db/columns';
import { user } from '../accounts/accounts.table';
import { activities } from '../activities/activities.table';
import { activityTypes } from '../activity-types/activity-types.table';
import { organisations } from '../organisations/organisations.table';
import { networks, roleModelProfiles } from '../role-models/role-models.table';
import { territories } from '../territories/territories.table';

/**
 * The kinds of intervention a school or a firm may ask for (classroom talk, forum stand…), national
 * data like activity types: each maps to the activity type its report is counted under.
 */
export const interventionKinds = pgTable('intervention_kinds', {
	code: text('code').primaryKey(),
	position: integer('position').notNull(),
	labelFr: text('label_fr').notNull(),
	labelEn: text('label_en').notNull(),
	activityType: text('activity_type')
		.notNull()
		.references(() => activityTypes.code),
	retired: boolean('retired').notNull().default(false)
});

/**
 * A request for an intervention, made without an account on the public form, and the
 * intervention it becomes. Its state follows REQUEST_WORKFLOW (src/lib/domain/request-workflow.ts).
 * The contact's e-mail and phone are personal data, erased by `mixite retention`.
 */
export const interventionRequests = pgTable(
	'intervention_requests',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		/** SHA-256 of the requester's private link (follow and edit). */
		followTokenHash: text('follow_token_hash').notNull().unique(),
		/** school | training_centre | employment_agency | firm */
		requesterKind: text('requester_kind').notNull(),
		/** The directory entry when known (school by UAI…), else the name as typed. */
		organisationId: integer('organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
		organisationName: text('organisation_name').notNull(),
		/** The UAI the requester typed (school), kept even when the directory does not know it yet. */
		requesterUai: text('requester_uai'),
		kindCode: text('kind_code')
			.notNull()
			.references(() => interventionKinds.code),
		/** AUDIENCES code and LEVELS code of the group. */
		audience: text('audience').notNull(),
		level: text('level').notNull(),
		/** The group(s) concerned, as the requester writes them ("3e B, 3e C"). */
		groups: text('groups'),
		schoolYear: text('school_year'),
		expectedSize: integer('expected_size').notNull(),
		wishedFrom: date('wished_from', { mode: 'string' }).notNull(),
		wishedTo: date('wished_to', { mode: 'string' }).notNull(),
		communeCode: text('commune_code').notNull(),
		contactName: text('contact_name').notNull(),
		contactEmail: text('contact_email'),
		contactPhone: text('contact_phone'),
		message: text('message'),
		/** A requester account (role `requester`) that claimed the request. */
		requesterUserId: text('requester_user_id').references(() => user.id, { onDelete: 'set null' }),
		state: text('state').notNull().default('submitted'),
		stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
		/** Set by the coordinator when qualifying. */
		networkId: integer('network_id').references(() => networks.id, { onDelete: 'set null' }),
		startsAt: timestamp('starts_at', { withTimezone: true }),
		endsAt: timestamp('ends_at', { withTimezone: true }),
		location: text('location'),
		/** How many role models the intervention needs (e.g. 2 to 4 for a class). */
		capacityMin: smallint('capacity_min').notNull().default(1),
		capacityMax: smallint('capacity_max').notNull().default(1),
		/** Listed publicly for volunteers to take a place. */
		openToVolunteers: boolean('open_to_volunteers').notNull().default(false),
		/** iCalendar SEQUENCE: bumped on every change sent to calendars (same UID). */
		icalSequence: integer('ical_sequence').notNull().default(0),
		/** The activity the first report created (the accounting). */
		activityId: integer('activity_id').references(() => activities.id, { onDelete: 'set null' }),
		personalDataErasedAt: timestamp('personal_data_erased_at', { withTimezone: true }),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [index('intervention_requests_territory_state_idx').on(t.territoryId, t.state, t.stateChangedAt)]
);

/** Every move of a request, with who made it: the request page's history (the audit trail has it too). */
export const requestTransitions = pgTable(
	'request_transitions',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		requestId: integer('request_id')
			.notNull()
			.references(() => interventionRequests.id, { onDelete: 'cascade' }),
		fromState: text('from_state'),
		toState: text('to_state').notNull(),
		/** coordinator | requester | role_model | system */
		actorKind: text('actor_kind').notNull(),
		actorUserId: text('actor_user_id'),
		note: text('note'),
		createdAt: createdAt()
	},
	(t) => [index('request_transitions_request_idx').on(t.requestId, t.createdAt)]
);

/**
 * The role models a request was proposed to, and their answers: proposed → accepted | declined;
 * `waitlisted` when a volunteer takes a place on a full intervention; `withdrawn` when she leaves.
 */
export const interventionSpeakers = pgTable(
	'intervention_speakers',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		requestId: integer('request_id')
			.notNull()
			.references(() => interventionRequests.id, { onDelete: 'cascade' }),
		profileId: integer('profile_id')
			.notNull()
			.references(() => roleModelProfiles.id, { onDelete: 'cascade' }),
		status: text('status').notNull(),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('intervention_speakers_request_profile_idx').on(t.requestId, t.profileId),
		index('intervention_speakers_profile_idx').on(t.profileId, t.status)
	]
);

/**
 * Signed links that let someone answer without a password: `answer` (a role model accepts or
 * declines, single-use) and `report` (the audience afterwards). Only the SHA-256 is stored.
 */
export const actionLinks = pgTable(
	'action_links',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull().unique(),
		purpose: text('purpose').notNull(),
		requestId: integer('request_id')
			.notNull()
			.references(() => interventionRequests.id, { onDelete: 'cascade' }),
		/** The role model the link speaks for; null: the requester. */
		profileId: integer('profile_id').references(() => roleModelProfiles.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [index('action_links_request_idx').on(t.requestId)]
);

/**
 * Reports of the audience after an intervention (audience × level counts, satisfaction, comment).
 * The first one creates the activity; a later one that disagrees is `conflicting`, shown side by
 * side and never added. Counts only: no pupil is named.
 */
export const interventionReports = pgTable(
	'intervention_reports',
	{
		id: id(),
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		requestId: integer('request_id')
			.notNull()
			.references(() => interventionRequests.id, { onDelete: 'cascade' }),
		/** requester | role_model | coordinator */
		reporterKind: text('reporter_kind').notNull(),
		profileId: integer('profile_id').references(() => roleModelProfiles.id, { onDelete: 'set null' }),
		counts: jsonb('counts').$type<{ audience: string; level: string; count: number }[]>().notNull(),
		satisfaction: smallint('satisfaction'),
		comment: text('comment'),
		/** applied (created the activity) | agreeing (same counts) | conflicting */
		outcome: text('outcome').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('intervention_reports_request_idx').on(t.requestId)]
);

/** Scheduled messages already sent for a request (reminder_7d, reminder_1d, report_ask, stale): never twice. */
export const interventionNotices = pgTable(
	'intervention_notices',
	{
		territoryId: territoryId().references(() => territories.id, { onDelete: 'cascade' }),
		requestId: integer('request_id')
			.notNull()
			.references(() => interventionRequests.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.requestId, t.kind] })]
);

/** Rate limit of the public form per IP (hashed): submissions in the current window. */
export const requestRateLimits = pgTable('request_rate_limits', {
	ipHash: text('ip_hash').primaryKey(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
	count: integer('count').notNull()
});
