import { apiPath } from '../../transport';
import { encodeBody } from '../../transport/codec';
import { batchReferencesDescription } from '../common.descriptions';
import { allocationSpec } from './allocationSpec';
import { allocationOptions } from './allocationLabels';
import type { BatchOperation } from '../types';

/** PUT /allocation/allocate `{ConsignmentReferences}`: SortedPRO picks the service by the allocation rules. */
export const allocateUsingDefaultRules: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Allocate Using Default Rules',
		value: 'allocateUsingDefaultRules',
		description:
			'Allocate consignments to the cheapest carrier service that meets your allocation rules',
		action: 'Allocate consignments using default rules',
	},
	description: batchReferencesDescription('', allocationOptions),
	batch: allocationSpec({
		request: async (_batch, references, format) => ({
			path: apiPath('allocation', 'allocate'),
			body: await encodeBody(
				format,
				{ ConsignmentReferences: references },
				'AllocateConsignmentsRequest',
			),
		}),
		how: () => 'by the default rules',
	}),
};
