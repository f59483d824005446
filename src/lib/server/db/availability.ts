/**
 * One answer to "is the database unreachable?", whatever the driver wrapped the cause in
 * (Drizzle's "Failed query", pg's errors, node's socket errors). Such an error is the
 * database's outage, not the request's fault: it becomes a 503 in one place
 * (src/lib/server/outage.ts) and the server recovers when the database is back.
 */

/** SQLSTATE codes meaning "the server cannot serve you now": connection class 08, shutdown, start-up. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P01|57P02|57P03|53300)$/;
/** Node socket errors on the way to the database. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
/** node-postgres and pg-pool messages for a connection lost, closed or never made. */
const UNAVAILABLE_MESSAGE =
	/^(Connection terminated|Client was closed and is not queryable|Client has encountered a connection error and is not queryable|timeout exceeded when trying to connect|Query read timeout)/;

export class DatabaseUnavailableError extends Error {
	readonly code = 'database.unavailable';
	constructor(cause: unknown) {
		super('Database unavailable', { cause });
		this.name = 'DatabaseUnavailableError';
	}
}

function causes(error: unknown): unknown[] {
	const chain: unknown[] = [];
	for (let e = error; e && typeof e === 'object' && !chain.includes(e) && chain.length < 10; e = (e as { cause?: unknown }).cause) chain.push(e);
	return chain;
}

function unavailableItself(e: unknown): boolean {
	if (e instanceof DatabaseUnavailableError) return true;
	if (!(e instanceof Error)) return false;
	const code = (e as { code?: unknown }).code;
	if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
	// A failed connect to several addresses (localhost: ::1 then 127.0.0.1).
	if (e instanceof AggregateError && e.errors.some(unavailableItself)) return true;
	return UNAVAILABLE_MESSAGE.test(e.message);
}

/** The error, or one of its causes, says the database cannot be reached or is shutting down / starting. */
export function isDatabaseUnavailable(error: unknown): boolean {
	return causes(error).some(unavailableItself);
}

/** A DatabaseUnavailableError for an outage, null for any other error. */
export function databaseUnavailable(error: unknown): DatabaseUnavailableError | null {
	if (error instanceof DatabaseUnavailableError) return error;
	return isDatabaseUnavailable(error) ? new DatabaseUnavailableError(error) : null;
}
