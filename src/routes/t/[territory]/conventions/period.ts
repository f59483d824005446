import { formatDate, type Locale, type Translate } from '$lib/i18n';

/** "du 1 févr. 2026 au 31 janv. 2028", an open side as "…", or "not set" when neither date is known. */
export function periodText(t: Translate, locale: Locale, a: { startsOn: string | null; endsOn: string | null }): string {
	if (!a.startsOn && !a.endsOn) return t('agreements.period_unset');
	const day = (iso: string | null) => (iso ? formatDate(locale, iso) : '…');
	return t('agreements.period', { from: day(a.startsOn), to: day(a.endsOn) });
}
