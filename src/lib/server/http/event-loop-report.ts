import type { Handle } from '@sveltejs/kit';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { publicCacheStats } from './public-cache';
import { eventLoopReportEnabled, queryTimingReport } from '../db/query-timing';

/*
 * For the crowd benchmark (bench/crowd.ts) only: with MIXITE_EVENT_LOOP_REPORT=1 the server measures
 * how long its main thread is held (a query of the embedded database, a rendering) and answers
 * GET /__event-loop from this machine with the longest delay since the start or the last
 * `?reset`, the embedded database's longest statements (db/query-timing.ts), its memory and the
 * public cache's counters. Without the variable this hook does nothing.
 */
const histogram = eventLoopReportEnabled() ? monitorEventLoopDelay({ resolution: 5 }) : null;
histogram?.enable();

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const ms = (ns: number) => Math.round(ns / 1e4) / 100;

export const eventLoopReport: Handle = async ({ event, resolve }) => {
	if (!histogram || event.url.pathname !== '/__event-loop' || !LOOPBACK.has(event.getClientAddress())) return resolve(event);
	const report = {
		maxMs: ms(histogram.max),
		p99Ms: ms(histogram.percentile(99)),
		meanMs: ms(histogram.mean),
		queries: queryTimingReport(event.url.searchParams.has('reset')),
		memory: process.memoryUsage(),
		cache: publicCacheStats()
	};
	if (event.url.searchParams.has('reset')) histogram.reset();
	return new Response(JSON.stringify(report), { headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
};
