const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The HTML part of a message, from its plain-text part: paragraphs, line breaks, and links made
 * clickable. One layout for every template, so that both parts always say the same thing.
 */
export function textToHtml(text: string): string {
	const paragraphs = text
		.trim()
		.split(/\n{2,}/)
		.map(
			(p) =>
				`<p>${escapeHtml(p)
					.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)
					.replace(/\n/g, '<br>')}</p>`
		)
		.join('\n');
	return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Mixité Industrie</title></head><body style="font-family:sans-serif;line-height:1.5;color:#1f2933;max-width:40rem">\n${paragraphs}\n<p style="color:#52606d;font-size:0.9em">Mixité Industrie</p></body></html>`;
}
