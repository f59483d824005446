import { en } from './en';
import { fr, type MessageKey } from './fr';

export type { MessageKey };
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const catalogues: Record<Locale, Record<MessageKey, string>> = { fr, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parameters are shown as the reader writes them: numbers grouped ("20 000"), ISO days as dates
 * ("14 oct. 2025"). Anything else is inserted as given.
 */
function shownParam(locale: Locale, value: string | number): string {
	if (typeof value === 'number') return formatNumber(locale, value);
	return ISO_DAY.test(value) ? formatDate(locale, value) : value;
}

export function translator(locale: Locale): Translate {
	const catalogue = catalogues[locale] ?? fr;
	return (key, params) => {
		let text = catalogue[key] ?? fr[key] ?? key;
		if (params) for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, shownParam(locale, value));
		return text;
	};
}

/** Keys that exist in a ".one" and a ".other" form (e.g. "activities.n_actions.one"). */
export type PluralKey = {
	[K in MessageKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends MessageKey ? Base : never) : never;
}[MessageKey];

/**
 * The one way to write a counted message: the plural form is chosen by the locale's rules
 * (Intl.PluralRules: French says "0 action", "1 action", "2 actions"; English "0 activities"),
 * and {count} is the grouped number. Never "action(s)".
 */
export function translatePlural(locale: Locale, key: PluralKey, count: number, params: Record<string, string | number> = {}): string {
	const form = new Intl.PluralRules(locale === 'fr' ? 'fr-FR' : 'en-GB').select(count) === 'one' ? 'one' : 'other';
	return translator(locale)(`${key}.${form}` as MessageKey, { ...params, count });
}

/**
 * French first: the platform is a French public service, so French is the default whatever the
 * browser says; English is chosen explicitly with the switch in the header (a cookie).
 */
export function pickLocale(cookie: string | undefined): Locale {
	return cookie === 'en' ? 'en' : 'fr';
}

export function formatNumber(locale: Locale, n: number): string {
	return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB').format(n);
}

/** French writes the first day of a month as an ordinal: « 1er octobre », never « 1 octobre ». */
export function firstOfMonth(frenchDate: string): string {
	return frenchDate.replace(/(^|\s)1 (?=\p{L})/u, '$11er ');
}

/** A day as people read it: « 1er déc. 2026 », « 14 oct. 2025 »; "1 Dec 2026". */
export function formatDate(locale: Locale, iso: string): string {
	const text = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
	return locale === 'fr' ? firstOfMonth(text) : text;
}

/** A moment as a reader in France reads it: « 2 décembre 2026 à 12:49 » (Paris time). */
export function formatDateTime(locale: Locale, moment: Date | string): string {
	return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(
		new Date(moment)
	);
}

export function formatMonth(locale: Locale, month: string): string {
	return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
		new Date(`${month.slice(0, 7)}-01T00:00:00Z`)
	);
}
