import type { Handle, RequestEvent } from '@sveltejs/kit';
import { version as buildVersion } from '$app/environment';
import { pickLocale } from '../../i18n';
import { getApp } from '../app';
import { pickEncoding } from '../compression';
import { publicPageKind } from './public-pages';
import { todayInParis } from '../shared/paris-time';
import { dataVersionBySlug, instanceDataVersion, localVersionMoves } from '../territories/territories.repository';

/*
 * The public pages under a crowd (issue #9 point 8, decision 0012). A public page is rendered once
 * per change of what it shows, then served from memory: a campaign link or a class of 30 opening the
 * live count at once must not queue behind 30 renderings of the same aggregates.
 *
 * - Only anonymous GETs of the public pages (public-pages.ts): a request carrying any cookie but `lang`
 *   (a session, a half-done sign-in) goes its usual way, as does everything else (back office,
 *   forms' POSTs, API, files, SvelteKit's __data.json).
 * - The key: the address (path and query), the language (`lang` cookie), the encoding the client
 *   gets (the stored bytes are compressed already), the build, the day in Paris (what is online
 *   and upcoming changes with the date) and the data version: the territory's
 *   (`territories.data_version`, moved by `recordAudit` in the transaction of every audited change),
 *   or every territory's for the pages outside one. The version read from the database (one row by
 *   a unique index) is trusted for VERSION_MEMO_MS at most, and only while this process has moved no
 *   version since the read began (`localVersionMoves`): a write made here (a page, the API, the CLI
 *   through the control socket) shows on the very next request (after any POST, PUT, PATCH or DELETE
 *   the next request reads again); one made by another process (the CLI or a second server on
 *   PostgreSQL) within VERSION_MEMO_MS.
 * - An entry lives at most TTL_MS even when nothing moved the version: what changes with the time
 *   of day (an event that has begun) or without an audit (plays of a portrait, the indirect
 *   exposure) is at most that late.
 * - A matching If-None-Match is answered 304 from the entry, without rendering.
 * - Only a 200 HTML page without Set-Cookie, for nobody signed in, is kept. Its headers are kept as
 *   they left the other hooks (security headers, the page's CSP — hash mode, valid for the same
 *   bytes —, Content-Encoding, Vary, ETag).
 * - Bounded: MAX_ENTRIES entries and MAX_BYTES bytes, least recently used out first; a page larger
 *   than MAX_ENTRY_BYTES is never kept. Requests for a key being rendered wait for that rendering.
 */

export const TTL_MS = 60_000;
const VERSION_MEMO_MS = 1_000;
const MAX_MEMOS = 1_000;
const MAX_ENTRIES = 1_000;
const MAX_BYTES = 32 * 1024 * 1024;
const MAX_ENTRY_BYTES = 1024 * 1024;

/** What a 304 carries (RFC 9110 §15.4.5, as SvelteKit's own), with the security headers; never the CSP (see static-headers.ts). */
const NOT_MODIFIED_HEADERS = [
	'etag',
	'cache-control',
	'content-location',
	'expires',
	'vary',
	'x-content-type-options',
	'referrer-policy',
	'x-frame-options',
	'permissions-policy',
	'cross-origin-opener-policy',
	'strict-transport-security'
];

interface Entry {
	body: Uint8Array<ArrayBuffer>;
	headers: [string, string][];
	etag: string;
	storedAt: number;
}

const entries = new Map<string, Entry>();
let bytes = 0;
const rendering = new Map<string, Promise<Entry | null>>();
const stats = { hits: 0, notModified: 0, misses: 0 };

/** How the cache did since the start (tests, benchmark). */
export function publicCacheStats() {
	return { ...stats, entries: entries.size, bytes };
}

function forget(key: string): void {
	const entry = entries.get(key);
	if (!entry) return;
	entries.delete(key);
	bytes -= entry.body.byteLength;
}

function keep(key: string, entry: Entry): void {
	forget(key);
	entries.set(key, entry);
	bytes += entry.body.byteLength;
	// A Map iterates in insertion order: the first key is the least recently used (see `fresh`).
	for (const oldest of entries.keys()) {
		if (entries.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
		forget(oldest);
	}
}

function fresh(key: string, now: number): Entry | null {
	const entry = entries.get(key);
	if (!entry) return null;
	if (now - entry.storedAt >= TTL_MS) {
		forget(key);
		return null;
	}
	entries.delete(key);
	entries.set(key, entry);
	return entry;
}

const versions = new Map<string, { version: string; moves: number; at: number }>();
/**
 * Requests other than GET answered by this process: on PostgreSQL a version read while a write's
 * transaction was still open (after its move) would otherwise be trusted; once that write's
 * response is out, its transaction has committed and the next request reads again.
 */
let writesAnswered = 0;

/**
 * The data version of a territory's pages (`slug`) or of the instance's (null); null for an unknown
 * territory. The number of local moves is taken before the query: a move made while the query
 * waited (on PGlite, behind the write's transaction) makes the answer untrusted at once.
 */
async function dataVersion(slug: string | null, now: number): Promise<string | null> {
	const name = slug ?? '';
	const moves = localVersionMoves() + writesAnswered;
	const memo = versions.get(name);
	if (memo && memo.moves === moves && now - memo.at < VERSION_MEMO_MS) return memo.version;
	const db = getApp().database.db;
	const version = slug === null ? await instanceDataVersion(db) : await dataVersionBySlug(db, slug);
	if (version === null) return null;
	if (versions.size >= MAX_MEMOS) versions.clear();
	versions.set(name, { version, moves, at: now });
	return version;
}

/** Nothing but the language may be in the cookies: anything else may be a session, and is never served from here. */
function anonymous(event: RequestEvent): boolean {
	const header = event.request.headers.get('cookie');
	if (!header) return true;
	return header.split(';').every((part) => {
		const name = part.split('=', 1)[0]!.trim();
		return name === '' || name === 'lang';
	});
}

function publicPage(event: RequestEvent): 'territory' | 'instance' | null {
	if (event.request.method !== 'GET' || event.isDataRequest) return null;
	return publicPageKind(event.route.id);
}

let day = { value: '', until: 0 };
/** The day in Paris, computed at most once a second. */
function parisDay(now: number): string {
	if (now >= day.until) day = { value: todayInParis(new Date(now)), until: now + 1_000 };
	return day.value;
}

/** RFC 9110 §13.1.2: weak comparison, a list or `*`. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
	const wanted = opaque(etag);
	return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

function answer(entry: Entry, ifNoneMatch: string | null, outcome: 'hit' | 'rendered'): Response {
	if (etagMatches(ifNoneMatch, entry.etag)) {
		if (outcome === 'hit') stats.notModified++;
		const headers = new Headers();
		for (const [name, value] of entry.headers) if (NOT_MODIFIED_HEADERS.includes(name)) headers.append(name, value);
		return new Response(null, { status: 304, headers });
	}
	if (outcome === 'hit') stats.hits++;
	return new Response(entry.body, { status: 200, headers: entry.headers });
}

async function storable(event: RequestEvent, response: Response): Promise<Entry | null> {
	const headers = response.headers;
	if (
		response.status !== 200 ||
		!response.body ||
		event.locals.user ||
		headers.has('set-cookie') ||
		!(headers.get('content-type') ?? '').startsWith('text/html') ||
		/private|no-store/i.test(headers.get('cache-control') ?? '')
	) {
		return null;
	}
	const length = Number(headers.get('content-length') ?? 0);
	if (length > MAX_ENTRY_BYTES) return null;
	const body = new Uint8Array(await response.arrayBuffer());
	const etag = headers.get('etag') ?? `"${contentHash(body)}"`;
	const kept: [string, string][] = [];
	headers.forEach((value, name) => kept.push([name, value]));
	if (!headers.has('etag')) kept.push(['etag', etag]);
	return { body, headers: kept, etag, storedAt: Date.now() };
}

/** FNV-1a of the bytes, for a page that came without SvelteKit's ETag. */
function contentHash(body: Uint8Array<ArrayBuffer>): string {
	let h = 0x811c9dc5;
	for (const byte of body) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
	return `${h.toString(16)}-${body.byteLength.toString(16)}`;
}

/** Outermost hook (before compression): serves the public pages from memory, see above. */
export const publicCache: Handle = async ({ event, resolve }) => {
	if (event.request.method !== 'GET' && event.request.method !== 'HEAD') {
		try {
			return await resolve(event);
		} finally {
			writesAnswered++;
		}
	}
	const kind = publicPage(event);
	if (!kind || !anonymous(event)) return resolve(event);
	const now = Date.now();
	let version: string | null;
	try {
		version = await dataVersion(kind === 'territory' ? (event.params.territory ?? '') : null, now);
	} catch {
		// The database is away: the usual path answers (a 503 from `databaseOutage`), nothing is kept.
		return resolve(event);
	}
	// An unknown territory: its 404 is not kept.
	if (version === null) return resolve(event);
	const locale = pickLocale(event.cookies.get('lang'));
	const encoding = pickEncoding(event.request.headers.get('accept-encoding')) ?? 'identity';
	const key = `${buildVersion}|${version}|${parisDay(now)}|${locale}|${encoding}|${event.url.pathname}${event.url.search}`;

	const ifNoneMatch = event.request.headers.get('if-none-match');
	const entry = fresh(key, now);
	if (entry) return answer(entry, ifNoneMatch, 'hit');
	const pending = rendering.get(key);
	if (pending) {
		const rendered = await pending;
		return rendered ? answer(rendered, ifNoneMatch, 'hit') : resolve(event);
	}
	// Rendered for the cache, whole: SvelteKit's own 304 would leave nothing to keep (and a crowd of
	// reloading browsers rendering every time). The 304 is then answered from the entry.
	if (ifNoneMatch !== null) {
		try {
			event.request.headers.delete('if-none-match');
		} catch {
			// Immutable headers: SvelteKit answers the 304 itself and nothing is kept this time.
		}
	}

	stats.misses++;
	let settle: (entry: Entry | null) => void = () => {};
	rendering.set(key, new Promise<Entry | null>((resolvePending) => (settle = resolvePending)));
	try {
		const response = await resolve(event);
		const made = await storable(event, response);
		settle(made);
		if (!made) return response;
		if (made.body.byteLength <= MAX_ENTRY_BYTES) keep(key, made);
		return answer(made, ifNoneMatch, 'rendered');
	} catch (error) {
		settle(null);
		throw error;
	} finally {
		rendering.delete(key);
	}
};
