/**
 * The portraits' rules as data, shared by the server and the pages: what a consent may cover,
 * the limits of each file, and when a portrait is online.
 */

/** What the filmed person may consent to: the public website, screenings by prescribers, social media. */
export const CONSENT_SCOPES = ['website', 'screenings', 'social_media'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const PORTRAIT_LIMITS = {
	titleLength: 200,
	nameLength: 80,
	textLength: 300,
	quoteLength: 600,
	tags: 8,
	tagLength: 40,
	captionsBytes: 512 * 1024,
	transcriptLength: 60_000,
	maxDurationSeconds: 4 * 60 * 60,
	posterMegabytes: 5,
	consentFormMegabytes: 10,
	/** Days before the consent ends when the coordination is warned. */
	expiryWarningDays: 30
} as const;

export const VIDEO_TYPES = ['video/mp4', 'video/webm'] as const;
export const POSTER_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** The consent as the row keeps it. */
export interface PortraitConsent {
	consentSignedOn: string | null;
	consentScopes: readonly string[];
	consentExpiresOn: string | null;
	consentWithdrawnAt: Date | string | null;
}

/** Whether the consent covers a use today (`today`: the Paris day, YYYY-MM-DD): signed, in scope, not withdrawn, not past its end. */
export function consentCovers(p: PortraitConsent, use: ConsentScope, today: string): boolean {
	return (
		p.consentSignedOn !== null &&
		p.consentSignedOn <= today &&
		p.consentWithdrawnAt === null &&
		p.consentScopes.includes(use) &&
		(p.consentExpiresOn === null || today <= p.consentExpiresOn)
	);
}

/** What a portrait needs before it can be published: each missing piece is named on the page. */
export function missingForPublication(
	p: PortraitConsent & { videoFile: string | null; captions: string | null; transcript: string | null; posterFile: string | null },
	today: string
): ('video' | 'captions' | 'transcript' | 'poster' | 'consent')[] {
	const missing: ('video' | 'captions' | 'transcript' | 'poster' | 'consent')[] = [];
	if (!p.videoFile) missing.push('video');
	if (!p.captions) missing.push('captions');
	if (!p.transcript) missing.push('transcript');
	if (!p.posterFile) missing.push('poster');
	if (!consentCovers(p, 'website', today)) missing.push('consent');
	return missing;
}

/** Online: published and its consent covers the website today. Checked on every public read. */
export function isOnline(p: PortraitConsent & { publishedAt: Date | string | null }, today: string): boolean {
	return p.publishedAt !== null && consentCovers(p, 'website', today);
}

/** « 2 min 5 s », or « 40 s » under a minute: the message and its values (`t(...durationMessage(s))`), for people; the player has its own clock. */
export function durationMessage(seconds: number) {
	const params = { minutes: Math.floor(seconds / 60), seconds: seconds % 60 };
	return [params.minutes > 0 ? ('portraits.duration' as const) : ('portraits.duration_seconds' as const), params] as const;
}
