import { translator, type Locale } from '../../i18n';

/**
 * The one page answered before any route runs (unreadable form, cross-site form, method not
 * allowed, database outage): no layout, no script, no style, nothing read from the database.
 * Paragraphs are text, escaped here; a paragraph may hold one link, given apart so it is escaped too.
 */
export type Paragraph = string | { before: string; link: { href: string; text: string }; after?: string };

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function paragraph(p: Paragraph): string {
	if (typeof p === 'string') return `<p>${escapeHtml(p)}</p>`;
	return `<p>${escapeHtml(p.before)}<a href="${escapeHtml(p.link.href)}">${escapeHtml(p.link.text)}</a>${escapeHtml(p.after ?? '')}</p>`;
}

export function plainPageHtml(page: { locale: string; title: string; paragraphs: readonly Paragraph[]; appName?: string }): string {
	const title = escapeHtml(page.title);
	return `<!doctype html>
<html lang="${page.locale === 'en' ? 'en' : 'fr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — ${escapeHtml(page.appName ?? 'Mixité Industrie')}</title></head>
<body><main><h1>${title}</h1>${page.paragraphs.map(paragraph).join('')}</main></body>
</html>
`;
}

export function plainPage(
	status: number,
	page: { locale: string; title: string; paragraphs: readonly Paragraph[]; appName?: string },
	headers: Record<string, string> = {}
): Response {
	return new Response(plainPageHtml(page), { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

/** A refusal answered before any route: a plain page in the reader's language with a way back home. */
export function refusalPage(status: number, locale: Locale, title: string, message: string, headers: Record<string, string> = {}): Response {
	const t = translator(locale);
	return plainPage(
		status,
		{ locale, title, appName: t('app.name'), paragraphs: [message, { before: '', link: { href: '/', text: t('error.home') } }] },
		headers
	);
}
