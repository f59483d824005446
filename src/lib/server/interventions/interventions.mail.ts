/** The interventions' e-mails: their context in French, calendar attachments and the signed links they carry. */
import * as repo from './interventions.repository';
import { calendarHost } from '../calendar/calendar.usecases';
import { formatNumber } from '../../i18n';
import { fr, type MessageKey } from '../../i18n/fr';
import { buildCalendar, interventionUid } from '../calendar/ics';
import { config } from '../config';
import { type Db } from '../db/client';
import { enqueueMail } from '../outbox/outbox.repository';
import { mailFrom } from '../outbox/outbox.transport';
import { PARIS, parisParts } from '../shared/paris-time';
import { firstOfMonth } from '../../i18n';
import { type TerritoryScope } from '../shared/scope';
import { findTerritoryById } from '../territories/territories.repository';
import { TEMPLATES, type MailContext } from './interventions.templates';
import { newLinkToken } from './interventions.tokens';

export const DAY = 86_400_000;
/** A proposal's answer link is valid this long; a report link longer. */
export const ANSWER_LINK_DAYS = 14;
export const REPORT_LINK_DAYS = 60;

export function baseUrl(): string {
	return config().baseURL.replace(/\/$/, '');
}

function frenchWhen(startsAt: Date | null, endsAt: Date | null): string | null {
	if (!startsAt) return null;
	const day = firstOfMonth(new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, dateStyle: 'full' }).format(startsAt));
	return `${day}, ${parisParts(startsAt).time}${endsAt ? ` – ${parisParts(endsAt).time}` : ''}`;
}

const frDate = (iso: string) => firstOfMonth(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)));

export const audienceLabel = (request: Pick<repo.RequestRow, 'audience' | 'level' | 'groups' | 'expectedSize'>) =>
	`${fr[`audience.${request.audience}` as MessageKey] ?? request.audience}, ${fr[`level.${request.level}` as MessageKey] ?? request.level}${request.groups ? ` (${request.groups})` : ''}, environ ${formatNumber('fr', request.expectedSize)} personnes`;

export async function mailContext(db: Db, scope: TerritoryScope, request: repo.RequestRow): Promise<MailContext> {
	const [kind, territory] = [await repo.findKind(db, request.kindCode), await findTerritoryById(db, scope.territoryId)];
	const speakers = (await repo.listSpeakers(db, scope, request.id)).filter((s) => s.status === 'accepted').map((s) => `${s.firstName} ${s.lastName}`);
	return {
		speakers,
		what: kind?.labelFr ?? request.kindCode,
		organisationName: request.organisationName,
		territoryName: territory?.name ?? '',
		when: frenchWhen(request.startsAt, request.endsAt),
		location: request.location,
		audience: audienceLabel(request),
		wished: `du ${frDate(request.wishedFrom)} au ${frDate(request.wishedTo)}`
	};
}

/** The address of the platform's sender (MAIL_FROM, "Name <address>" or a bare address): the invitations' ORGANIZER. */
export function senderAddress(): string {
	const from = mailFrom();
	return (/<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from).trim();
}

/**
 * The intervention's calendar document for one recipient: an invitation (REQUEST) or a cancellation
 * (CANCEL). Organised by the territory's coordination at the platform's sender address; the
 * recipient is its attendee — a role model who accepted (ACCEPTED), the requester's contact
 * (NEEDS-ACTION). Each copy names its own reader only: the e-mails never give a role model the
 * contact's address, nor the contact the role models'.
 */
function calendarOf(request: repo.RequestRow, context: MailContext, method: 'REQUEST' | 'CANCEL', attendee: Attendee): string {
	const host = calendarHost();
	return buildCalendar({
		name: 'Mixité Industrie',
		method,
		events: [
			{
				uid: interventionUid(request.id, host),
				sequence: request.icalSequence,
				start: request.startsAt!,
				end: request.endsAt ?? new Date(request.startsAt!.getTime() + 2 * 3_600_000),
				summary: `${context.what} — ${context.organisationName}`,
				description: `Public : ${context.audience}`,
				location: request.location ?? undefined,
				cancelled: method === 'CANCEL',
				organizer: { name: context.territoryName || 'Mixité Industrie', email: senderAddress() },
				attendees: [attendee]
			}
		]
	});
}

type Attendee = { name?: string; email: string; status: 'ACCEPTED' | 'NEEDS-ACTION' };

/** The recipient as her invitation names her: a role model by her name, the contact by hers. */
async function attendeeOf(tx: Db, scope: TerritoryScope, request: repo.RequestRow, recipient: Recipient): Promise<Attendee> {
	if (recipient.profileId === null) {
		const contact = recipient.email === request.contactEmail ? request.contactName : undefined;
		return { name: contact, email: recipient.email, status: 'NEEDS-ACTION' };
	}
	const [profile] = await repo.listProfiles(tx, scope, [recipient.profileId]);
	return { name: profile ? `${profile.firstName} ${profile.lastName}` : undefined, email: recipient.email, status: 'ACCEPTED' };
}

const ICS_KINDS: Record<string, 'REQUEST' | 'CANCEL'> = {
	confirmation: 'REQUEST',
	confirmation_requester: 'REQUEST',
	update: 'REQUEST',
	update_requester: 'REQUEST',
	cancellation: 'CANCEL',
	cancellation_requester: 'CANCEL',
	place_released: 'CANCEL',
	reminder_7d: 'REQUEST',
	reminder_1d: 'REQUEST'
};

export interface Recipient {
	email: string;
	profileId: number | null;
}

/** Sends one message kind to recipients, each with her own link when the kind needs one. */
export async function sendKind(tx: Db, scope: TerritoryScope, request: repo.RequestRow, kind: string, recipients: Recipient[], note: string | null, now: Date) {
	const template = TEMPLATES[kind];
	if (!template) throw new Error(`no template for ${kind}`);
	const context = { ...(await mailContext(tx, scope, request)), note };
	const territory = await findTerritoryById(tx, scope.territoryId);
	for (const recipient of recipients) {
		const c: MailContext = { ...context };
		if (kind === 'proposal') {
			const { token, hash } = newLinkToken();
			await repo.insertLink(tx, scope, {
				tokenHash: hash,
				purpose: 'answer',
				requestId: request.id,
				profileId: recipient.profileId,
				expiresAt: new Date(now.getTime() + ANSWER_LINK_DAYS * DAY)
			});
			c.link = `${baseUrl()}/reponse/${token}`;
			c.declineLink = `${baseUrl()}/reponse/${token}?choix=decliner`;
		} else if (kind === 'report_ask') {
			const { token, hash } = newLinkToken();
			await repo.insertLink(tx, scope, {
				tokenHash: hash,
				purpose: 'report',
				requestId: request.id,
				profileId: recipient.profileId,
				expiresAt: new Date(now.getTime() + REPORT_LINK_DAYS * DAY)
			});
			c.link = `${baseUrl()}/compte-rendu/${token}`;
		} else if (kind === 'report_received' || kind === 'stale' || kind === 'speakers_short') {
			c.link = `${baseUrl()}/t/${territory?.slug}/demandes/${request.id}`;
		}
		const content = template(c);
		// The contact's calendar holds the intervention only if it was confirmed (a cancellation from `confirmed` raised the SEQUENCE).
		const method = kind === 'cancellation_requester' && request.icalSequence === 0 ? undefined : ICS_KINDS[kind];
		await enqueueMail(tx, {
			territoryId: scope.territoryId,
			kind: `intervention.${kind}`,
			to: recipient.email,
			subject: content.subject,
			text: content.text,
			attachments:
				method && request.startsAt
					? [
							{
								filename: 'intervention.ics',
								contentType: 'text/calendar',
								content: calendarOf(request, context, method, await attendeeOf(tx, scope, request, recipient)),
								method
							}
						]
					: undefined
		});
	}
}

export async function recipientsOf(tx: Db, scope: TerritoryScope, request: repo.RequestRow, to: string, proposed: number[]): Promise<Recipient[]> {
	if (to === 'requester') return request.contactEmail ? [{ email: request.contactEmail, profileId: null }] : [];
	if (to === 'coordinators') return (await repo.coordinatorEmails(tx, scope)).map((email) => ({ email, profileId: null }));
	if (to === 'speakers')
		return (await repo.listSpeakers(tx, scope, request.id)).filter((s) => s.status === 'accepted').map((s) => ({ email: s.email, profileId: s.profileId }));
	if (to === 'proposed') return (await repo.listProfiles(tx, scope, proposed)).map((p) => ({ email: p.email, profileId: p.id }));
	return [];
}
