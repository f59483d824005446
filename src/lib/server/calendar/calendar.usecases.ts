import crypto from 'node:crypto';
import { translator, type MessageKey } from '../../i18n';
import { loadPrincipal } from '../accounts/accounts.repository';
import { recordAudit } from '../audit/audit.repository';
import { config } from '../config';
import type { Db } from '../db/client';
import { mayManageRoleModels } from '../role-models/role-models.policy';
import { noOwnProfileError } from '../role-models/role-models.errors';
import { findProfileOfUser } from '../role-models/role-models.repository';
import type { Actor, TerritoryScope } from '../shared/scope';
import { findTerritoryById } from '../territories/territories.repository';
import { CalendarFeedNotFoundError } from './calendar.errors';
import * as repo from './calendar.repository';
import type { FeedKind, FeedOwner } from './calendar.repository';
import { buildCalendar, interventionUid, type CalendarEvent } from './ics';

export type { FeedKind };

/** A role model's feed: the interventions she accepted, once confirmed (cancelled ones stay, marked cancelled). */
const ROLE_MODEL_STATES = ['confirmed', 'done', 'reported', 'cancelled'] as const;
/** A coordinator's feed: every confirmed intervention of the territory (cancelled ones marked so, to leave calendars). */
const COORDINATOR_STATES = ['confirmed', 'done', 'reported', 'cancelled'] as const;

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The host of event UIDs: the same in feeds and in e-mailed invitations (`interventionUid(id, calendarHost())`). */
export function calendarHost(): string {
	return new URL(config().baseURL).host;
}

export function calendarFeedUrl(token: string): string {
	return `${config().baseURL.replace(/\/$/, '')}/calendrier/${token}.ics`;
}

/** Whose feed the actor manages: her own profile's, or (coordinators) her own coordinator feed; anything else is a 404. */
async function ownerFor(db: Db, scope: TerritoryScope, actor: Actor, kind: FeedKind): Promise<FeedOwner> {
	if (kind === 'coordinator') {
		if (!mayManageRoleModels(actor.principal, scope.territoryId)) throw new CalendarFeedNotFoundError();
		return { kind, userId: actor.userId };
	}
	const profile = await findProfileOfUser(db, scope, actor.userId);
	if (!profile) throw noOwnProfileError();
	return { kind, profileId: profile.id };
}

/**
 * A new private feed URL for the actor (her own interventions, or the territory's for a
 * coordinator). A new feed revokes the previous one; only the SHA-256 of the secret is stored,
 * and the URL is shown once.
 */
export async function createCalendarFeed(db: Db, scope: TerritoryScope, actor: Actor, kind: FeedKind): Promise<{ url: string }> {
	const token = crypto.randomBytes(32).toString('base64url');
	await db.transaction(async (tx) => {
		const owner = await ownerFor(tx, scope, actor, kind);
		const revoked = await repo.revokeFeeds(tx, scope, owner, new Date());
		const row = await repo.insertFeed(tx, scope, owner, hash(token));
		for (const id of revoked) await recordAudit(tx, scope, actor, { action: 'revoke', entityType: 'calendar_feed', entityId: id, after: { kind } });
		await recordAudit(tx, scope, actor, { action: 'create', entityType: 'calendar_feed', entityId: row.id, after: { kind } });
	});
	return { url: calendarFeedUrl(token) };
}

/** Revokes the actor's feed of that kind: its URL answers 404 from now on. */
export async function revokeCalendarFeed(db: Db, scope: TerritoryScope, actor: Actor, kind: FeedKind): Promise<void> {
	await db.transaction(async (tx) => {
		const owner = await ownerFor(tx, scope, actor, kind);
		const revoked = await repo.revokeFeeds(tx, scope, owner, new Date());
		for (const id of revoked) await recordAudit(tx, scope, actor, { action: 'revoke', entityType: 'calendar_feed', entityId: id, after: { kind } });
	});
}

/** Whether the actor has an active feed of that kind, and since when (the page never shows the secret again). */
export async function calendarFeedStatus(db: Db, scope: TerritoryScope, actor: Actor, kind: FeedKind) {
	const owner = await ownerFor(db, scope, actor, kind);
	const feed = await repo.findActiveFeed(db, scope, owner);
	return { activeSince: feed ? feed.createdAt.toISOString().slice(0, 10) : null };
}

/**
 * The iCalendar document of a feed, by its secret. Each intervention keeps the UID of its
 * e-mailed invitations and the request's SEQUENCE; cancelled ones are STATUS:CANCELLED.
 * An unknown or revoked secret is a 404.
 */
export async function calendarFeedIcs(db: Db, token: string): Promise<string> {
	if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new CalendarFeedNotFoundError();
	const feed = await repo.findFeedByHash(db, hash(token));
	if (!feed) throw new CalendarFeedNotFoundError();
	const scope = { territoryId: feed.territoryId };
	// A coordinator's feed lasts while she coordinates the territory (account active, role held).
	if (feed.kind === 'coordinator') {
		const principal = feed.userId ? await loadPrincipal(db, feed.userId) : null;
		if (!principal || !mayManageRoleModels(principal, feed.territoryId)) throw new CalendarFeedNotFoundError();
	}
	const t = translator('fr');
	const territory = await findTerritoryById(db, feed.territoryId);
	const rows =
		feed.kind === 'role_model' && feed.profileId !== null
			? await repo.listDatedInterventions(db, scope, ROLE_MODEL_STATES, feed.profileId)
			: await repo.listDatedInterventions(db, scope, COORDINATOR_STATES);
	const host = calendarHost();
	const events: CalendarEvent[] = rows.map((r) => ({
		uid: interventionUid(r.id, host),
		sequence: r.icalSequence,
		start: r.startsAt!,
		end: r.endsAt!,
		summary: t('calendar.summary', { kind: r.kindLabelFr, organisation: r.organisationName }),
		description: t('calendar.description', {
			state: t(`calendar.state.${r.state}` as MessageKey),
			audience: t(`audience.${r.audience}` as MessageKey),
			level: t(`level.${r.level}` as MessageKey),
			size: r.expectedSize
		}),
		location: [r.location, r.communeName].filter(Boolean).join(', ') || undefined,
		cancelled: r.state === 'cancelled'
	}));
	const name = t(feed.kind === 'role_model' ? 'calendar.name_role_model' : 'calendar.name_coordinator', { territory: territory?.name ?? '' });
	return buildCalendar({ name, events });
}
