/*
 * For the crowd benchmark (bench/crowd.ts) only: how long each statement of the embedded PGlite
 * holds Node's main thread. PGlite runs PostgreSQL compiled to WebAssembly in this thread: every
 * protocol message is one synchronous call, `execProtocolRawSync`, whatever the promises around it
 * (a statement is several of them: see timeEmbeddedQueries). With
 * MIXITE_EVENT_LOOP_REPORT=1, openDatabase wraps that call on its PGlite and this module keeps
 * the longest ones; GET /__event-loop (http/event-loop-report.ts) reports them. PostgreSQL runs in
 * its own process: nothing to time there. Without the variable nothing is wrapped.
 */

export const QUERY_TARGET_MS = 20;
const KEPT = 5;

export interface SlowQuery {
	ms: number;
	sql: string;
}

export interface QueryTimingReport {
	statements: number;
	/** How many held the thread longer than QUERY_TARGET_MS. */
	overTarget: number;
	longestMs: number;
	/** The KEPT longest, longest first. */
	slowest: SlowQuery[];
}

let statements = 0;
let overTarget = 0;
let slowest: SlowQuery[] = [];

/**
 * The crowd benchmark's switch, MIXITE_EVENT_LOOP_REPORT=1, read here only: GET /__event-loop
 * answers (http/event-loop-report.ts) and openDatabase times PGlite's statements. Kept in this
 * module, which imports nothing, so that db/client.ts need not reach the HTTP layer.
 */
export const eventLoopReportEnabled = () => process.env.MIXITE_EVENT_LOOP_REPORT === '1';

interface SyncProtocol {
	execProtocolRawSync(message: Uint8Array): Uint8Array;
}

/**
 * Wraps PGlite's synchronous entry point to time every statement (see above). PGlite sends a
 * statement as several calls — parse, describe, sync, bind, describe, execute, sync — chained by
 * promises that resolve at once, so the thread is held for their sum: a statement is timed from its
 * parse (or simple query) to the next one or the next turn of the event loop, labelled with the
 * parsed SQL.
 */
export function timeEmbeddedQueries(client: SyncProtocol): void {
	const run = client.execProtocolRawSync.bind(client);
	let current: SlowQuery | null = null;
	let finish: ReturnType<typeof setImmediate> | null = null;
	const end = () => {
		if (current) record(current);
		current = null;
		finish = null;
	};
	client.execProtocolRawSync = (message: Uint8Array) => {
		const type = String.fromCharCode(message[0] ?? 0);
		if (type === 'P' || type === 'Q' || !current) {
			end();
			current = { ms: 0, sql: statementText(message) };
		}
		const statement = current;
		const started = performance.now();
		try {
			return run(message);
		} finally {
			statement.ms += performance.now() - started;
			if (finish) clearImmediate(finish);
			finish = setImmediate(end);
		}
	};
}

function record(statement: SlowQuery): void {
	const ms = Math.round(statement.ms * 100) / 100;
	statements++;
	if (ms > QUERY_TARGET_MS) overTarget++;
	if (slowest.length === KEPT && ms <= slowest[KEPT - 1]!.ms) return;
	slowest = [...slowest, { ms, sql: statement.sql }].sort((a, b) => b.ms - a.ms).slice(0, KEPT);
}

/**
 * The SQL of a frontend message: a simple query ('Q': length, text) or the first parse ('P':
 * length, statement name, text) of an extended-protocol batch. The first 160 characters.
 */
export function statementText(message: Uint8Array): string {
	const type = String.fromCharCode(message[0] ?? 0);
	if (type !== 'Q' && type !== 'P') return `(${type})`;
	let start = 5;
	if (type === 'P') start = message.indexOf(0, start) + 1;
	const end = message.indexOf(0, start);
	const text = new TextDecoder().decode(message.subarray(start, end < 0 ? undefined : end));
	return text.replace(/\s+/g, ' ').slice(0, 160);
}

export function queryTimingReport(reset: boolean): QueryTimingReport {
	const report = { statements, overTarget, longestMs: slowest[0]?.ms ?? 0, slowest };
	if (reset) {
		statements = 0;
		overTarget = 0;
		slowest = [];
	}
	return report;
}
