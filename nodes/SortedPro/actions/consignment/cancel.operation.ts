import { batchOperation } from '../batch/operation';
import { withMessageSpec } from '../batch/withMessageResults';
import { batchReferencesDescription } from '../common.descriptions';

/** PUT /consignments/cancellist with a bare list of references; only before manifesting. */
export const cancel = batchOperation(
	{
		name: 'Cancel',
		value: 'cancel',
		description: 'Cancel consignments that have not been manifested',
		action: 'Cancel consignments',
	},
	batchReferencesDescription(''),
	withMessageSpec('cancellist', {
		done: 'cancelled',
		// A resend finds the consignment Cancelled: the lost attempt most likely cancelled it.
		alreadyDone: /\b(already cancell?ed|in state cancell?ed)\b/i,
	}),
);
