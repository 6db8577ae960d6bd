import { loneSurrogate } from './unicode';

/**
 * Turns what a user put in "Consignment References" into a clean list: one reference, a text
 * of references separated by commas, spaces or new lines, or an array (from an expression).
 * Trims, drops blanks, keeps the first occurrence of each reference, keeps order.
 * Returns the problem as text instead of throwing, so the caller can name item and field.
 */
export const MAX_REFERENCE_LENGTH = 100;

const SEPARATORS = /[\s,]+/;
// Control characters (other than the whitespace separators) cannot be sent in XML, and
// invisible format characters (zero-width, bidi overrides) only hide what a reference really
// is: neither is ever part of a real reference, so they are refused rather than removed.
const CONTROL_CHARACTER =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufff9-\ufffb]/;
const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');

type ParsedReferences = { references: string[] } | { problem: string };

function escapeInvisible(reference: string): string {
	return reference.replace(
		CONTROL_CHARACTERS,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value} (${String(value)})`;
}

// One reference with nothing to trim, split or refuse: the usual spreadsheet cell. Surrogates
// (paired or not) take the full path, where a lone one is refused.
const PLAIN_REFERENCE = new RegExp(
	`^[^\\s,\\ud800-\\udfff${CONTROL_CHARACTER.source.slice(1, -1)}]{1,${MAX_REFERENCE_LENGTH}}$`,
);

/** The value itself when it is one plain reference (nothing to trim, split or refuse), else undefined. */
export function plainReference(value: unknown): string | undefined {
	return typeof value === 'string' && PLAIN_REFERENCE.test(value) ? value : undefined;
}

export function parseReferences(value: unknown): ParsedReferences {
	if (plainReference(value) !== undefined) return { references: [value as string] };
	if (value === undefined || value === null) return { problem: 'is empty' };
	const parts = Array.isArray(value) ? value : [value];
	const seen = new Set<string>();
	const references: string[] = [];
	for (let position = 0; position < parts.length; position++) {
		const part: unknown = parts[position];
		if (typeof part !== 'string') {
			const where = Array.isArray(value) ? ` at position ${position + 1}` : '';
			return { problem: `contains ${describe(part)}${where}; each reference must be text` };
		}
		for (const reference of part.split(SEPARATORS)) {
			if (reference === '' || seen.has(reference)) continue;
			const lone = loneSurrogate(reference);
			if (lone !== undefined)
				return {
					problem: `contains ${lone.shown}, which is not valid Unicode text: ${lone.detail}`,
				};
			if (reference.length > MAX_REFERENCE_LENGTH) {
				return {
					problem: `contains a reference of ${reference.length} characters ("${reference.slice(0, 20)}…"); the limit is ${MAX_REFERENCE_LENGTH}`,
				};
			}
			if (CONTROL_CHARACTER.test(reference)) {
				return {
					problem: `contains a control or invisible character in reference "${escapeInvisible(reference)}"`,
				};
			}
			seen.add(reference);
			references.push(reference);
		}
	}
	if (references.length === 0)
		return { problem: 'has no consignment reference (it is empty or blank)' };
	return { references };
}
