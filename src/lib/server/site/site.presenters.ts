/** What the public site shows of a plan and its partners: explicit fields, never ORM rows. */

/** A partner's own site, linked only when it is a plain web address (never javascript: or data:). */
export function publicWebsite(website: string | null | undefined): string | null {
	if (!website) return null;
	try {
		const url = new URL(website.trim());
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	} catch {
		return null;
	}
}

/** The first sentence of a plan's summary: the home page says what the plan does in one sentence. */
export function firstSentence(text: string | null | undefined): string | null {
	const trimmed = text?.trim();
	if (!trimmed) return null;
	const match = trimmed.match(/^[\s\S]+?[.!?…](?=\s|$)/);
	return (match ? match[0] : trimmed).trim();
}

/** The plan's audiences, from its objectives, in the plan's order and each once: who the plan is for. */
export type PlanAudience = 'girls' | 'firms' | 'prescribers';
const AUDIENCES: readonly string[] = ['girls', 'firms', 'prescribers'] satisfies PlanAudience[];
export function planAudiences(objectives: readonly { target: string }[]): PlanAudience[] {
	const out: PlanAudience[] = [];
	for (const { target } of objectives) if (AUDIENCES.includes(target) && !out.includes(target as PlanAudience)) out.push(target as PlanAudience);
	return out;
}
