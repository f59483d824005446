import { createRequire, Module } from 'node:module';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/*
 * exceljs, loaded when used, with one fix. Its XML reader (lib/utils/parse-sax.js, used by the
 * streaming reader for every sheet and for the shared strings) turns each compressed chunk into
 * text on its own: a letter written on two bytes (é, è, à, ’) that falls across two chunks comes
 * out as two U+FFFD. On a 100,000-row sheet a few cells in every file were read as « Lyc��e »
 * (bench/import-xlsx.ts). The replacement below is the same generator with a UTF-8 decoder kept
 * across chunks; it is put in Node's module cache before exceljs is required, so every exceljs
 * module that requires parse-sax gets it.
 */

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

const requireHere = createRequire(import.meta.url);
const EXCELJS_DIR = path.dirname(requireHere.resolve('exceljs'));

async function* parseSax(iterable: AsyncIterable<Buffer | string> | NodeJS.ReadableStream) {
	const { SaxesParser } = requireHere(requireHere.resolve('saxes', { paths: [EXCELJS_DIR] })) as typeof import('saxes');
	// As exceljs does: an old-style stream without async iteration goes through a PassThrough.
	const source = (Symbol.asyncIterator in iterable ? iterable : (iterable as NodeJS.ReadableStream).pipe(new PassThrough())) as AsyncIterable<Buffer | string>;
	const parser = new SaxesParser();
	let error: Error | undefined;
	parser.on('error', (e) => (error = e));
	let events: SaxEvent[] = [];
	parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
	parser.on('text', (value) => events.push({ eventType: 'text', value }));
	parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
	const decoder = new StringDecoder('utf8');
	for await (const chunk of source) {
		parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
		if (error) throw error;
		yield events;
		events = [];
	}
	const rest = decoder.end();
	if (rest) {
		parser.write(rest);
		if (error) throw error;
		yield events;
	}
}

let loaded: typeof import('exceljs') | null = null;

/**
 * exceljs with its XML reader fixed (see above). An exceljs loaded earlier without the fix (a test
 * that imports it to write a workbook) is left to its users: its modules are dropped from the
 * cache, so that this one is a fresh load that requires the fixed parse-sax.
 */
export async function loadExcelJs(): Promise<typeof import('exceljs')> {
	if (loaded) return loaded;
	const file = path.join(EXCELJS_DIR, 'lib', 'utils', 'parse-sax.js');
	if (requireHere.cache[file]?.exports !== parseSax) {
		for (const key of Object.keys(requireHere.cache)) if (key.startsWith(EXCELJS_DIR + path.sep)) delete requireHere.cache[key];
		const fixed = new Module(file);
		fixed.filename = file;
		fixed.loaded = true;
		fixed.exports = parseSax;
		requireHere.cache[file] = fixed;
	}
	loaded = requireHere('exceljs') as typeof import('exceljs');
	return loaded;
}
