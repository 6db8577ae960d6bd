import type { INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { consignmentReferencesField, optionsCollection } from '../common.descriptions';
import { allocationSpec } from './allocationSpec';
import { allocationOptions } from './allocationLabels';
import type { BatchOperation } from '../types';

const description: INodeProperties[] = [
	{
		...consignmentReferencesField(),
		description:
			'One consignment reference, several separated by commas, spaces or new lines, or an expression returning a list of references. SortedPRO takes one consignment per request: each is sent on its own.',
	},
	optionsCollection(allocationOptions),
];

/** PUT /allocation/{consignmentReference}/allocatewithcheapestquote, no body: one consignment per request. */
export const allocateWithCheapestQuote: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Allocate With Cheapest Quote',
		value: 'allocateWithCheapestQuote',
		description:
			'Allocate each consignment, one request each, to the cheapest service your allocation rules allow',
		action: 'Allocate consignments with the cheapest quote',
	},
	description,
	batch: allocationSpec({
		request: async (_batch, [reference]) => ({
			path: apiPath('allocation', reference, 'allocatewithcheapestquote'),
		}),
		how: () => 'with the cheapest quote',
		oneConsignment: true,
	}),
};
