import { formatDate, type Locale, type Translate } from '../../i18n';
import { agreementFormToInput } from './agreements.schemas';

/*
 * Agreements as the pages show them: form values and the period in words. The PDF's download
 * header stays in its route (it is HTTP).
 */

/** A stored agreement as the HTML form's values (checkbox groups as lists of ids). */
export function agreementToFormValues(a: {
	title: string;
	object: string;
	commitments: string | null;
	signedOn: string | null;
	startsOn: string | null;
	endsOn: string | null;
	reminderDays: number;
	parties: readonly { id: number }[];
	initiatives: readonly { id: number }[];
}): Record<string, string | string[]> {
	return {
		title: a.title,
		object: a.object,
		commitments: a.commitments ?? '',
		signedOn: a.signedOn ?? '',
		startsOn: a.startsOn ?? '',
		endsOn: a.endsOn ?? '',
		reminderDays: String(a.reminderDays),
		partyIds: a.parties.map((p) => String(p.id)),
		initiativeIds: a.initiatives.map((i) => String(i.id))
	};
}

/** "du 1er févr. 2026 au 31 janv. 2028", an open side as "…", or "not set" when neither date is known. */
export function agreementPeriodText(t: Translate, locale: Locale, a: { startsOn: string | null; endsOn: string | null }): string {
	if (!a.startsOn && !a.endsOn) return t('agreements.period_unset');
	const day = (iso: string | null) => (iso ? formatDate(locale, iso) : '…');
	return t('agreements.period', { from: day(a.startsOn), to: day(a.endsOn) });
}

/** What a refused agreement form shows again: what was typed, checkbox groups as lists so the ticked boxes stay ticked. */
export function echoAgreementForm(values: Record<string, string>, form: FormData | null): Record<string, unknown> {
	return form ? agreementFormToInput(form) : values;
}
