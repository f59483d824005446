import { formatMonth, translator, type Locale } from './i18n';

/** The kind of period a filter form applied: the radio says it; links written before it existed carry only the fields. */
export function periodKind(values: Record<string, string | undefined>): 'all' | 'year' | 'months' {
	if (values.period === 'year' || values.period === 'months') return values.period;
	return values.schoolYear ? 'year' : values.fromMonth || values.toMonth ? 'months' : 'all';
}

/** The period shown, in words ("2025-2026", "de sept. 2025 à janv. 2026", "toute la période"), from the applied filter values. */
export function periodLabel(locale: Locale, values: Record<string, string | undefined>): string {
	const t = translator(locale);
	const kind = periodKind(values);
	if (kind === 'year') return values.schoolYear ?? '';
	const from = values.fromMonth ? formatMonth(locale, values.fromMonth) : '';
	const to = values.toMonth ? formatMonth(locale, values.toMonth) : '';
	if (kind === 'months' && from && to) return from === to ? from : t('indicator.month_range', { from, to });
	if (kind === 'months' && from) return t('indicator.since', { from });
	if (kind === 'months' && to) return t('indicator.until', { to });
	return t('indicator.period_all').toLowerCase();
}
