import { z } from 'zod';
import { fr, type MessageKey } from '../../i18n/fr';
import { ValidationError, type FieldErrors } from '../shared/errors';
import { searchParamsToObject } from '../shared/schemas';

/*
 * The query string of the API's lists, read strictly. The filter schemas of the domains are
 * lenient (a page's filter form ignores a bad value rather than failing); a tool calling the API
 * must know instead that its filter was not applied: an unknown parameter or a malformed value is
 * a 422 with a French message per parameter, in the same shape as a bad body.
 */

type Lenient = z.ZodObject<z.ZodRawShape>;

/** A parameter's schema without its leniency: `.catch()` and `.default()` removed, optional. */
function strictParam(schema: z.ZodType): z.ZodType {
	let inner: z.ZodType = schema;
	while (inner instanceof z.ZodCatch || inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
	return inner.optional();
}

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(fr, key);

/** The French message of a parameter's first problem: the schema's own when it names one, else by kind. */
function issueMessage(issue: z.core.$ZodIssue): FieldErrors[string] {
	const [key, params] = issue.message.split('|');
	// The forms' date messages describe the date picker's format; a query string is written ISO.
	if (key === 'validation.date') return { key: 'api.query_date' };
	if (key === 'validation.month') return { key: 'api.query_month' };
	if (key && isMessageKey(key)) return { key, params: params ? JSON.parse(params) : undefined };
	if (issue.code === 'invalid_value') return { key: 'api.query_one_of', params: { values: issue.values.map(String).join(', ') } };
	if (issue.code === 'too_small' || issue.code === 'too_big' || (issue.code === 'invalid_type' && issue.expected === 'number'))
		return { key: 'validation.integer' };
	return { key: 'api.query_invalid' };
}

/** Periods given by both ends: the end may not come before the start. */
const PERIODS: readonly [string, string][] = [
	['from', 'to'],
	['fromMonth', 'toMonth']
];

/**
 * The filters of an API list from its query string: `lenient` is the domain's filter schema (its
 * output is what the use case takes); `overrides` replace a parameter's strict reading where the
 * lenient one accepts anything. Empty values count as absent. Unknown parameters, malformed
 * values and a period ending before it starts are refused (ValidationError → 422).
 */
export function parseApiQuery<S extends Lenient>(
	params: URLSearchParams,
	lenient: S,
	overrides: Partial<Record<keyof S['shape'], z.ZodType>> = {}
): z.output<S> {
	const raw = searchParamsToObject(params);
	const names = Object.keys(lenient.shape);
	const fields: FieldErrors = {};
	for (const name of Object.keys(raw)) {
		if (!names.includes(name)) fields[name] = { key: 'api.query_unknown', params: { names: names.join(', ') } };
	}
	for (const name of names) {
		if (raw[name] === undefined || fields[name]) continue;
		const schema = (overrides as Record<string, z.ZodType | undefined>)[name] ?? strictParam(lenient.shape[name] as z.ZodType);
		const parsed = schema.safeParse(raw[name]);
		if (!parsed.success) fields[name] = issueMessage(parsed.error.issues[0]!);
	}
	for (const [start, end] of PERIODS) {
		const [first, last] = [raw[start], raw[end]];
		if (first && last && !fields[start] && !fields[end] && last < first) fields[end] = { key: 'validation.period_order' };
	}
	if (Object.keys(fields).length) throw new ValidationError(fields);
	const value = lenient.parse(raw) as Record<string, unknown>;
	for (const [name, schema] of Object.entries(overrides as Record<string, z.ZodType>)) {
		if (raw[name] !== undefined) value[name] = schema.parse(raw[name]);
	}
	return value as z.output<S>;
}
