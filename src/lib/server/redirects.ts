/**
 * Only same-site paths: an open redirect would let a link send a signed-in user elsewhere.
 * Control characters and backslashes are refused: browsers drop tabs and read "\\" as "/",
 * so "/\t/evil.example" or "/\\evil.example" would leave the site.
 */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
	if (!target || target.length > 2000 || !target.startsWith('/')) return fallback;
	if (/[\u0000-\u001f\u007f\\]/.test(target) || /%(0[0-9a-f]|1[0-9a-f]|7f|5c)/i.test(target)) return fallback;
	if (target.startsWith('//')) return fallback;
	return target;
}
