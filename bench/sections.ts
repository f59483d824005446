/**
 * BENCHMARKS.md holds the national benchmark (`npm run bench`, which rewrites the file) and the
 * smaller ones, each in its own section between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`,
 * which every run keeps.
 */
const SECTION = /<!-- bench:([\w-]+) -->[\s\S]*?<!-- \/bench:\1 -->\n?/g;

/** The sections of `previous` appended to `markdown` (the national report). */
export function keepSections(previous: string, markdown: string): string {
	const sections = previous.match(SECTION) ?? [];
	return sections.length ? `${markdown.trimEnd()}\n\n${sections.join('\n')}` : markdown;
}

/** `previous` with section `name` replaced by `body` (or added at the end). */
export function replaceSection(previous: string, name: string, body: string): string {
	const section = `<!-- bench:${name} -->\n${body.trimEnd()}\n<!-- /bench:${name} -->\n`;
	const existing = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- \\/bench:${name} -->\\n?`);
	return existing.test(previous) ? previous.replace(existing, section) : `${previous.trimEnd()}\n\n${section}`;
}
