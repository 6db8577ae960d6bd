import { withMessageSpec } from '../batch/withMessageResults';
import { batchReferencesDescription } from '../common.descriptions';
import type { BatchOperation } from '../types';

/**
 * PUT /consignments/setreadytoship with a bare list of references (SortedPRO's help page
 * "Manifesting consignments"): each is marked Ready To Ship, so a later manifest picks it up.
 */
export const setReadyToShip: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Set Ready to Ship',
		value: 'setReadyToShip',
		description: 'Mark allocated consignments as Ready To Ship',
		action: 'Set consignments ready to ship',
	},
	description: batchReferencesDescription(''),
	batch: withMessageSpec('setreadytoship', {
		done: 'marked as Ready To Ship',
		// A resend finds the consignment already marked: the lost attempt most likely marked it.
		alreadyDone: /\b(already (marked as )?ready to ship|in state ready ?to ?ship)\b/i,
	}),
};

/** PUT /consignments/setnotreadytoship with a bare list of references: the mark is taken off. */
export const setNotReadyToShip: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Set Not Ready to Ship',
		value: 'setNotReadyToShip',
		description: 'Take the Ready To Ship mark off consignments',
		action: 'Set consignments not ready to ship',
	},
	description: batchReferencesDescription(''),
	batch: withMessageSpec('setnotreadytoship', {
		done: 'marked as not Ready To Ship',
		alreadyDone: /\b(not (marked as )?ready to ship)\b/i,
	}),
};
