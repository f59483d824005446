import { consentCovers, PORTRAIT_LIMITS } from '../../domain/portraits';
import { translator } from '../../i18n';
import { recordAudit } from '../audit/audit.repository';
import { config } from '../config';
import type { Db } from '../db/client';
import { coordinatorEmails } from '../interventions/interventions.repository';
import type { Job } from '../jobs/jobs.types';
import { enqueueMail } from '../outbox/outbox.repository';
import { todayInParis } from '../shared/paris-time';
import { PLATFORM_ACTOR } from '../shared/scope';
import { listTerritories } from '../territories/territories.repository';
import * as repo from './portraits.repository';

const longFrenchDate = (isoDay: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));

function addDays(isoDay: string, days: number): string {
	const d = new Date(`${isoDay}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/**
 * The consents' clock, run by the scheduler every hour (and by `mixite jobs run`). Reads already
 * refuse a portrait whose consent ended (`isOnline`); this job also takes it offline in the
 * data, says so in the journal and to the coordination, and warns the coordination 30 days
 * before a consent ends (once per end date). Idempotent: a second run finds nothing to do.
 */
export async function checkPortraitConsents(db: Db, now = new Date()) {
	const today = todayInParis(now);
	const t = translator('fr');
	const slugs = new Map((await listTerritories(db)).map((x) => [x.id, x]));
	const report = { unpublished: 0, warned: 0 };
	for (const p of await repo.listPublishedEverywhere(db)) {
		if (consentCovers(p, 'website', today)) continue;
		const scope = { territoryId: p.territoryId };
		await db.transaction(async (tx) => {
			const fresh = await repo.findPortrait(tx, scope, p.id, { forUpdate: true });
			if (!fresh?.portrait.publishedAt || consentCovers(fresh.portrait, 'website', today)) return;
			await repo.updatePortraitRow(tx, scope, p.id, { publishedAt: null });
			await recordAudit(tx, scope, PLATFORM_ACTOR, {
				action: 'unpublish',
				entityType: 'portrait',
				entityId: p.id,
				before: { published: true },
				after: { published: false, reason: 'consent_ended' }
			});
			const territory = slugs.get(p.territoryId);
			const params = {
				title: p.title,
				date: p.consentExpiresOn ? longFrenchDate(p.consentExpiresOn) : '',
				url: `${config().baseURL}/t/${territory?.slug}/portraits/${p.id}/modifier`
			};
			for (const to of await coordinatorEmails(tx, scope))
				await enqueueMail(tx, {
					territoryId: p.territoryId,
					kind: 'portrait_unpublished',
					to,
					subject: t('portraits.mail.unpublished_subject', params),
					text: t('portraits.mail.unpublished_body', params)
				});
			report.unpublished++;
		});
	}
	const horizon = addDays(today, PORTRAIT_LIMITS.expiryWarningDays);
	for (const p of await repo.listWithConsentEnd(db)) {
		const end = p.consentExpiresOn!;
		if (end < today || end > horizon || p.expiryWarnedFor === end) continue;
		const scope = { territoryId: p.territoryId };
		await db.transaction(async (tx) => {
			const fresh = await repo.findPortrait(tx, scope, p.id, { forUpdate: true });
			if (!fresh || fresh.portrait.expiryWarnedFor === end || fresh.portrait.consentExpiresOn !== end) return;
			const recipients = await coordinatorEmails(tx, scope);
			if (recipients.length === 0) return; // told once a coordinator exists
			const territory = slugs.get(p.territoryId);
			const params = { title: p.title, date: longFrenchDate(end), url: `${config().baseURL}/t/${territory?.slug}/portraits/${p.id}/modifier` };
			for (const to of recipients)
				await enqueueMail(tx, {
					territoryId: p.territoryId,
					kind: 'portrait_consent_expiring',
					to,
					subject: t('portraits.mail.expiring_subject', params),
					text: t('portraits.mail.expiring_body', params)
				});
			await repo.updatePortraitRow(tx, scope, p.id, { expiryWarnedFor: end });
			report.warned++;
		});
	}
	return report;
}

export const portraitJobs: Job[] = [{ name: 'portrait_consents', everyMs: 60 * 60_000, run: (db, now) => checkPortraitConsents(db, now) }];
