import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from './inputErrors';
import { parseReferences } from './references';
import { unicodeProblem } from './unicode';

// A reference that becomes a path segment: a slash, ?, #, % or .. would change the path.
const UNSAFE_IN_PATH = /[/?#%\\]|^\.\.?$|\.\./;

/** Why a reference cannot be a URL path segment, or undefined when it can. */
export function pathSegmentProblem(reference: string): string | undefined {
	const problem = unicodeProblem(reference);
	if (problem !== undefined) return problem;
	if (!UNSAFE_IN_PATH.test(reference)) return undefined;
	return `"${reference}" contains a character that cannot be part of a SortedPRO path (/, ?, #, %, \\ or ..)`;
}

/**
 * One reference read from a per-item parameter, checked to be usable as a URL path segment
 * (it is still percent-encoded by apiPath). Throws a NodeOperationError naming item and field.
 */
export function readPathReference(
	this: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
): string {
	const parsed = parseReferences(this.getNodeParameter(parameter, itemIndex, '') as unknown);
	if ('problem' in parsed) throw inputError.call(this, itemIndex, field, parsed.problem);
	if (parsed.references.length !== 1) {
		throw inputError.call(
			this,
			itemIndex,
			field,
			`holds ${parsed.references.length} references; this operation takes one per item`,
		);
	}
	const [reference] = parsed.references;
	const problem = pathSegmentProblem(reference);
	if (problem !== undefined) throw inputError.call(this, itemIndex, field, problem);
	return reference;
}

/** The Consignment Reference parameter of an item, checked to be usable as a path segment. */
export function readConsignmentReference(this: IExecuteFunctions, itemIndex: number): string {
	return readPathReference.call(this, itemIndex, 'consignmentReference', 'Consignment Reference');
}
