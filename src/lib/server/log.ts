import { createHmac, randomBytes } from 'node:crypto';

let accountKey: string | Buffer = randomBytes(32);

/** Keys the account references of the logs (set from the auth secret at start-up). */
export function setLogKey(key: string): void {
	accountKey = key;
}

/** One JSON line per event on stdout; never secrets, tokens or passwords. */
export function logEvent(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
	if (process.env.LOG_LEVEL === 'silent' || (level === 'info' && process.env.LOG_LEVEL === 'warn')) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
	if (level === 'error') console.error(line);
	else console.log(line);
}

/**
 * A stable reference to an account in security logs: an HMAC of the e-mail keyed with the
 * platform's secret, so that logs carry no address and a guessed address cannot be tested.
 */
export function accountRef(email: unknown): string {
	return createHmac('sha256', accountKey)
		.update(
			String(email ?? '')
				.trim()
				.toLowerCase()
		)
		.digest('hex')
		.slice(0, 16);
}

/** A PostgreSQL error as node-postgres reports it (its message and detail may quote the values). */
interface SqlError {
	code: string;
	constraint?: string;
	table?: string;
	column?: string;
	routine?: string;
}

function isSqlError(e: unknown): e is SqlError {
	const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
	return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/** "insert activities", "select users": what a statement does and to which table, without its text. */
export function statementName(query: string): string | undefined {
	const text = query.replace(/\s+/g, ' ').trim();
	const match =
		/^(insert) into "?([\w.]+)"?/i.exec(text) ??
		/^(update) "?([\w.]+)"?/i.exec(text) ??
		/^(delete) from "?([\w.]+)"?/i.exec(text) ??
		/^(select|with)\b.*? from "?([\w.]+)"?/i.exec(text) ??
		/^(\w+)/.exec(text);
	return match ? [match[1]!.toLowerCase(), match[2]].filter(Boolean).join(' ') : undefined;
}

/**
 * The fields of an error that may go to the logs. A failed query's SQL, its parameters, and
 * PostgreSQL's message and detail quote what was typed (titles, e-mail addresses, token hashes):
 * only the SQLSTATE, the constraint, table and column names and the statement's name are kept.
 * Every log line about an error goes through here.
 */
export function errorFields(error: unknown): Record<string, string> {
	const chain: unknown[] = [];
	for (let e = error; e && typeof e === 'object' && !chain.includes(e) && chain.length < 10; e = (e as { cause?: unknown }).cause) chain.push(e);
	const query = chain.find((e): e is { query: string } => typeof (e as { query?: unknown }).query === 'string');
	const sqlError = chain.find(isSqlError);
	const fields: Record<string, string> = { error: error instanceof Error ? error.constructor.name : typeof error };
	if (query || sqlError) {
		const statement = query ? statementName(query.query) : undefined;
		if (statement) fields.statement = statement;
		if (sqlError) {
			fields.code = sqlError.code;
			for (const key of ['constraint', 'table', 'column', 'routine'] as const) if (sqlError[key]) fields[key] = sqlError[key]!;
		}
		const socket = chain.find((e): e is { code: string } => typeof (e as { code?: unknown }).code === 'string' && !isSqlError(e));
		if (!sqlError && socket) fields.code = socket.code;
		return fields;
	}
	// No query involved: the message is the program's own text.
	const message = chain
		.map((e) => (e instanceof Error ? e.message : ''))
		.filter(Boolean)
		.join(' ← ');
	const code = chain.map((e) => (e as { code?: unknown }).code).find((c) => typeof c === 'string');
	if (message) fields.message = message.slice(0, 500);
	if (typeof code === 'string') fields.code = code;
	return fields;
}
