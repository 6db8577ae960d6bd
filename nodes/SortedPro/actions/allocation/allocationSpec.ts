import type { BodyFormat } from '../../transport/codec';
import type { BatchSpec } from '../batch/engine';
import type { Batch } from '../batch/plan';
import { sendAllocation } from './allocationSummaries';

/** What one of SortedPRO's allocate calls adds to the batch spec they share. */
export interface AllocationCall {
	/** The PUT of a batch: its path, and its body unless the consignment is in the path */
	request(batch: Batch, references: string[], format: BodyFormat): Promise<AllocationRequest>;
	/** How the consignments were to be allocated, for messages: "by the default rules", "with CX_NDS" */
	how(group: string): string;
	/** The group is a carrier service: reports of unexpected summaries name it */
	groupIsCarrierService?: boolean;
	/** The call takes one consignment, in its path: its answer may be one summary or a list of one */
	oneConsignment?: boolean;
}

export interface AllocationRequest {
	path: string;
	body?: string;
}

/**
 * The batch spec of an allocate call: one PUT per batch, its Allocation Summaries paired with
 * the references (see sendAllocation). `extra` adds the grouping and checks of the call.
 */
export function allocationSpec(
	call: AllocationCall,
	extra: Pick<BatchSpec, 'group' | 'checkGroups' | 'checkReferences'> = {},
): BatchSpec {
	return {
		...extra,
		async send(batch, run, itemIndex) {
			const references = batch.consignments.map((consignment) => consignment.reference);
			const request = await call.request(batch, references, run.options.format);
			return await sendAllocation.call(
				this,
				run,
				{ method: 'PUT', ...request, itemIndex },
				references,
				call.groupIsCarrierService ? batch.group : '',
				call.oneConsignment ?? false,
			);
		},
		failureMessage: (consignment, reason) =>
			`Consignment ${consignment.reference} was not allocated ${call.how(consignment.group)}: ${reason}`,
		uncertainMessage: ({ reference, group }, reason) =>
			`Consignment ${reference} may have been allocated ${call.how(group)}: check ${reference} in SortedPRO before sending it again (${reason})`,
		missingReason: 'SortedPRO returned no Allocation Summary for it',
	};
}
