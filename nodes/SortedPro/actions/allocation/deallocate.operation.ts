import { withMessageSpec } from '../batch/withMessageResults';
import { batchReferencesDescription } from '../common.descriptions';
import type { BatchOperation } from '../types';

/** PUT /consignments/deallocatelist with a bare list of references: each becomes Unallocated. */
export const deallocate: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Deallocate',
		value: 'deallocate',
		description: 'Undo the allocation of Allocated, Manifested or Manifest Failed consignments',
		action: 'Deallocate consignments',
	},
	description: batchReferencesDescription(''),
	batch: withMessageSpec('deallocatelist', {
		done: 'deallocated',
		// A resend finds the consignment Unallocated: the lost attempt most likely deallocated it.
		alreadyDone: /\b(already (deallocated|unallocated)|in state unallocated)\b/i,
	}),
};
