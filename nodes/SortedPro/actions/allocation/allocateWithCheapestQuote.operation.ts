import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport';
import type { BatchSpec } from '../batch/engine';
import { consignmentReferencesField, optionsCollection } from '../common.descriptions';
import type { BatchOperation, RunContext } from '../types';
import { ifAlreadyAllocatedOption } from './alreadyAllocated';
import { sendAllocation } from './allocationSummaries';
import { runPerConsignment } from './perConsignment';

const show = { show: { resource: ['allocation'], operation: ['allocateWithCheapestQuote'] } };

const description: INodeProperties[] = [
	{
		...consignmentReferencesField(show),
		description:
			'One consignment reference, several separated by commas, spaces or new lines, or an expression returning a list of references. SortedPRO takes one consignment per request: each is sent on its own.',
	},
	optionsCollection(show, [ifAlreadyAllocatedOption]),
];

const spec: BatchSpec = {
	async send(batch, run, itemIndex) {
		const [reference] = batch.consignments.map((consignment) => consignment.reference);
		return await sendAllocation.call(
			this,
			run,
			{
				method: 'PUT',
				path: apiPath('allocation', reference, 'allocatewithcheapestquote'),
				itemIndex,
			},
			[reference],
			'',
			true,
		);
	},
	failureMessage: (consignment, reason) =>
		`Consignment ${consignment.reference} was not allocated with the cheapest quote: ${reason}`,
	missingReason: 'SortedPRO returned no Allocation Summary for it',
};

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
	async execute(this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext) {
		return await runPerConsignment.call(this, items, run, spec);
	},
};
