import type {
	IBinaryKeyData,
	IDataObject,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { pairedItems, type PlannedConsignment } from './plan';
import type { BatchSpec } from './types';

/** An output that is not a consignment's (a refused item, an unexpected answer) and the item it stands at. */
export type Extra = { order: number; item: INodeExecutionData };
/** A consignment that failed; one that is done is kept as its output json alone. */
export class Failure {
	constructor(
		readonly reason: string,
		readonly error: NodeApiError | NodeOperationError,
		/** The request failed after SortedPRO may have acted on it */
		readonly uncertain = false,
	) {}

	message(spec: BatchSpec, consignment: PlannedConsignment): string {
		return this.uncertain
			? spec.uncertainMessage(consignment, this.reason)
			: spec.failureMessage(consignment, this.reason);
	}
}
export type Outcome = IDataObject | Failure;

/**
 * The output in input order. The consignments are in order of first appearance (by item, then
 * within an item); refusals and unexpected answers (few) are merged in where their item stands.
 * A refused item has no consignment, and an unexpected answer comes after the consignments of
 * its batch's first item. `binaries` (by position) are the files a step after success added.
 */
export function inInputOrder(
	consignments: PlannedConsignment[],
	outcomes: Array<Outcome | undefined>,
	refusals: Extra[],
	unexpected: Extra[],
	spec: BatchSpec,
	binaries?: Array<IBinaryKeyData | undefined>,
): INodeExecutionData[] {
	// Stable: refusals in item order, then unexpected answers in the order they came.
	const extras =
		unexpected.length === 0
			? refusals
			: [...refusals, ...unexpected].sort((a, b) => a.order - b.order);
	const output: INodeExecutionData[] = [];
	let next = 0;
	for (const consignment of consignments) {
		const outcome = outcomes[consignment.position];
		if (!outcome) continue;
		while (next < extras.length && extras[next].order < consignment.itemIndex)
			output.push(extras[next++].item);
		const json =
			outcome instanceof Failure ? { error: outcome.message(spec, consignment) } : outcome;
		const binary = binaries?.[consignment.position];
		const pairedItem = pairedItems(consignment);
		output.push(binary ? { json, binary, pairedItem } : { json, pairedItem });
	}
	while (next < extras.length) output.push(extras[next++].item);
	return output;
}
