import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { encodeBody } from '../../transport/codec';
import { runBatch, type BatchSpec } from '../batch/engine';
import {
	batchSizeOption,
	consignmentReferencesField,
	optionsCollection,
	requestModeField,
} from '../common.descriptions';
import type { BatchOperation, RunContext } from '../types';
import { ifAlreadyAllocatedOption } from './alreadyAllocated';
import { sendAllocation } from './allocationSummaries';

const show = { show: { resource: ['allocation'], operation: ['allocateUsingDefaultRules'] } };

const description: INodeProperties[] = [
	consignmentReferencesField(show),
	requestModeField(show, ''),
	optionsCollection(show, [batchSizeOption, ifAlreadyAllocatedOption]),
];

const spec: BatchSpec = {
	async send(batch, run, itemIndex) {
		const references = batch.consignments.map((consignment) => consignment.reference);
		return await sendAllocation.call(
			this,
			run,
			{
				method: 'PUT',
				path: apiPath('allocation', 'allocate'),
				body: await encodeBody(
					run.options.format,
					{ ConsignmentReferences: references },
					'AllocateConsignmentsRequest',
				),
				itemIndex,
			},
			references,
		);
	},
	failureMessage: (consignment, reason) =>
		`Consignment ${consignment.reference} was not allocated by the default rules: ${reason}`,
	missingReason: 'SortedPRO returned no Allocation Summary for it',
};

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
	description,
	async execute(this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext) {
		return await runBatch.call(this, items, run, spec);
	},
};
