import { withMessageSpec } from '../batch/withMessageResults';
import { batchReferencesDescription } from '../common.descriptions';
import type { BatchOperation } from '../types';

/** PUT /consignments/cancellist with a bare list of references; only before manifesting. */
export const cancel: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Cancel',
		value: 'cancel',
		description: 'Cancel consignments that have not been manifested',
		action: 'Cancel consignments',
	},
	description: batchReferencesDescription(''),
	batch: withMessageSpec('cancellist', {
		done: 'cancelled',
		// A resend finds the consignment Cancelled: the lost attempt most likely cancelled it.
		alreadyDone: /\b(already cancell?ed|in state cancell?ed)\b/i,
	}),
};
