/** Readers of field values that name the field in their refusal (see inputError). */

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parseJson } from '../transport/codec';

import { unicodeProblem, unicodeProblemInJson } from './unicode';

/** Makes the error for a field's problem (a NodeOperationError naming item and field). */
export type Refuse = (field: string, problem: string) => Error;

/** A value as an error message words it. */
export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Text of a field: numbers (a postcode from a spreadsheet) become text; blank is ''. */
export function asText(value: unknown, field: string, refuse: Refuse): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') {
		const problem = unicodeProblem(value);
		if (problem !== undefined) throw refuse(field, problem);
		return value.trim();
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw refuse(field, `must be text, not ${describe(value)}`);
}

/** An ISO 8601 date or date-time (n8n's date picker gives a Luxon DateTime); blank is ''. */
export function dateText(value: unknown, field: string, refuse: Refuse): string {
	const iso =
		value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function'
			? (value as { toISO(): string }).toISO()
			: value;
	const text = asText(iso, field, refuse);
	if (text !== '' && Number.isNaN(Date.parse(text)))
		throw refuse(field, `"${text}" is not a date (use ISO 8601, e.g. 2026-12-01)`);
	return text;
}

/**
 * An optional Boolean offered as a choice of No Filter ('any') / No / Yes, or true / false from an
 * expression: undefined when not to be sent, 'invalid' for anything else.
 */
export function optionalBoolean(value: unknown): boolean | undefined | 'invalid' {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	if (value === 'any' || value === '' || value === undefined || value === null) return undefined;
	return 'invalid';
}

/**
 * A whole number within the limits its parameter's description states (typeOptions minValue
 * and maxValue), so the editor and the check cannot disagree; refused naming the parameter.
 */
export function wholeNumber(value: unknown, property: INodeProperties, refuse: Refuse): number {
	const limits = (property.typeOptions ?? {}) as { minValue?: number; maxValue?: number };
	const min = limits.minValue ?? 0;
	const max = limits.maxValue ?? Infinity;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		const range = max === Infinity ? `of ${min} or more` : `from ${min} to ${max}`;
		throw refuse(
			property.displayName,
			`must be a whole number ${range}, not ${JSON.stringify(value)}`,
		);
	}
	return value;
}

/** A JSON object given as text or as an object (from an expression). */
export function asObject(value: unknown, field: string, refuse: Refuse): IDataObject {
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = value.trim() === '' ? {} : parseJson(value);
		} catch (error) {
			throw refuse(field, `is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
		throw refuse(field, `must be a JSON object, not ${describe(parsed)}`);
	const problem = unicodeProblemInJson(parsed);
	if (problem !== undefined) throw refuse(field, problem);
	return parsed as IDataObject;
}
