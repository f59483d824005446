import { error } from '@sveltejs/kit';
import { translator, type Locale, type MessageKey } from '../../i18n';

/**
 * The pages of private links (answer, report, follow): a link that names nothing is a 404, as any
 * unknown address; a known link that cannot serve any more (used, expired, closed) says why on its page.
 */
export function knownLinkOr404<T extends { problem: string | null }>(view: T, locale: Locale, message: MessageKey = 'interventions.link.unknown'): T {
	if (view.problem === 'unknown') error(404, { message: translator(locale)(message) });
	return view;
}
