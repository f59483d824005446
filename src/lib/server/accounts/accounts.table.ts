import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { territories } from '../territories/territories.table';

// The four tables below follow better-auth's core schema (user, session, account, verification).
export const user = pgTable('user', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	email: text('email').notNull().unique(),
	emailVerified: boolean('email_verified').notNull().default(false),
	image: text('image'),
	/** better-auth two-factor plugin. */
	twoFactorEnabled: boolean('two_factor_enabled').default(false),
	/** A deactivated account cannot sign in; its sessions are deleted. */
	deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		token: text('token').notNull().unique(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		ipAddress: text('ip_address'),
		userAgent: text('user_agent'),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' })
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

export const account = pgTable(
	'account',
	{
		id: text('id').primaryKey(),
		accountId: text('account_id').notNull(),
		providerId: text('provider_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		accessToken: text('access_token'),
		refreshToken: text('refresh_token'),
		idToken: text('id_token'),
		accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
		refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
		scope: text('scope'),
		password: text('password'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('account_user_idx').on(t.userId)]
);

export const verification = pgTable('verification', {
	id: text('id').primaryKey(),
	identifier: text('identifier').notNull(),
	value: text('value').notNull(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** A user's role in one territory. Issue #3 adds partner, role model, requester and funder. */
export const territoryRoles = pgTable(
	'territory_roles',
	{
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		territoryId: integer('territory_id')
			.notNull()
			.references(() => territories.id, { onDelete: 'cascade' }),
		role: text('role').notNull(),
		organisationId: integer('organisation_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.territoryId, t.role] })]
);

/** One-time links that create an account (the first coordinator). Only the hash is stored. */
export const setupLinks = pgTable('setup_links', {
	tokenHash: text('token_hash').primaryKey(),
	territoryId: integer('territory_id')
		.notNull()
		.references(() => territories.id, { onDelete: 'cascade' }),
	role: text('role').notNull(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	usedAt: timestamp('used_at', { withTimezone: true }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** better-auth two-factor plugin (TOTP secret and backup codes, encrypted by better-auth). */
export const twoFactor = pgTable(
	'two_factor',
	{
		id: text('id').primaryKey(),
		secret: text('secret').notNull(),
		backupCodes: text('backup_codes').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		verified: boolean('verified').default(true),
		failedVerificationCount: integer('failed_verification_count').default(0),
		lockedUntil: timestamp('locked_until', { withTimezone: true }),
		/** The last TOTP time-step accepted (ours, not better-auth's): each code works once. */
		lastTotpStep: integer('last_totp_step')
	},
	(t) => [index('two_factor_user_idx').on(t.userId)]
);

/** Platform-wide roles (administrators of every territory). */
export const platformRoles = pgTable('platform_roles', {
	userId: text('user_id')
		.primaryKey()
		.references(() => user.id, { onDelete: 'cascade' }),
	role: text('role').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** E-mail invitations sent by a coordinator; only the token's hash is stored. */
export const invitations = pgTable(
	'invitations',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		tokenHash: text('token_hash').notNull().unique(),
		territoryId: integer('territory_id')
			.notNull()
			.references(() => territories.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		role: text('role').notNull(),
		organisationId: integer('organisation_id'),
		invitedBy: text('invited_by'),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('invitations_territory_idx').on(t.territoryId, t.createdAt)]
);

/** Failed sign-ins per IP and per account in a sliding window: throttling without permanent lock-out. */
export const signInThrottle = pgTable('sign_in_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull(),
	windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
	blockedUntil: timestamp('blocked_until', { withTimezone: true })
});

/** A user's request to erase her personal data, processed by a coordinator or `mixite retention`. */
export const erasureRequests = pgTable('erasure_requests', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	userId: text('user_id').notNull(),
	requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
	processedAt: timestamp('processed_at', { withTimezone: true })
});
