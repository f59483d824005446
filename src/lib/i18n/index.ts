import { en } from './en';
import { fr, type MessageKey } from './fr';

export type { MessageKey };
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const catalogues: Record<Locale, Record<MessageKey, string>> = { fr, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
	const catalogue = catalogues[locale] ?? fr;
	return (key, params) => {
		let text = catalogue[key] ?? fr[key] ?? key;
		if (params) for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
		return text;
	};
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

export function formatDate(locale: Locale, iso: string): string {
	return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

export function formatMonth(locale: Locale, month: string): string {
	return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month.slice(0, 7)}-01T00:00:00Z`));
}
