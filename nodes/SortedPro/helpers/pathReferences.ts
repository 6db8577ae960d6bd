import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './inputErrors';
import { parseReferences } from './references';

// A reference that becomes a path segment: a slash, ?, #, % or .. would change the path.
const UNSAFE_IN_PATH = /[/?#%\\]|^\.\.?$|\.\./;

/**
 * One reference read from a per-item parameter, checked to be usable as a URL path segment
 * (it is still percent-encoded by apiPath). Throws a NodeOperationError naming item and field.
 */
export function readPathReference(this: IExecuteFunctions, itemIndex: number, parameter: string, field: string): string {
	const parsed = parseReferences(this.getNodeParameter(parameter, itemIndex, '') as unknown);
	if ('problem' in parsed) throw inputError.call(this, itemIndex, field, parsed.problem);
	if (parsed.references.length !== 1) {
		throw inputError.call(this, itemIndex, field, `holds ${parsed.references.length} references; this operation takes one per item`);
	}
	const [reference] = parsed.references;
	if (UNSAFE_IN_PATH.test(reference)) {
		throw inputError.call(this, itemIndex, field, `"${reference}" contains a character that cannot be part of a SortedPRO path (/, ?, #, %, \\ or ..)`);
	}
	return reference;
}
