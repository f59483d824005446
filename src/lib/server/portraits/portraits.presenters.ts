import type { PortraitRow } from './portraits.repository';

type Found = { portrait: PortraitRow; firm: string | null };

/** A card of the gallery and the home page: what the public may see, with the URLs of its media. */
export function presentPortraitCard({ portrait: p, firm }: Found) {
	return {
		id: p.id,
		title: p.title,
		firstName: p.firstName,
		job: p.job,
		firm,
		sector: p.sector,
		tags: p.tags,
		durationSeconds: p.durationSeconds,
		poster: p.posterFile !== null,
		/** Changes with the file: the URL of a new poster is new (long caching is safe). */
		version: p.posterHash?.slice(0, 12) ?? null,
		demo: p.demo
	};
}

/** A portrait's page: its card, quote, path, transcript, and which media exist. */
export function presentPortraitPage(found: Found) {
	const p = found.portrait;
	return {
		...presentPortraitCard(found),
		quote: p.quote,
		trainingPath: p.trainingPath,
		transcript: p.transcript,
		video: p.videoFile !== null ? { type: p.videoType, version: p.videoHash?.slice(0, 12) ?? null } : null,
		captions: p.captions !== null
	};
}
