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

const show = { show: { resource: ['allocation'], operation: ['allocateWithServiceGroup'] } };

const description: INodeProperties[] = [
	{
		displayName: 'Service Group',
		name: 'serviceGroup',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. valuableGoods',
		description:
			'The carrier service group to allocate with (SortedPRO\'s UI calls its reference "Service Group Code")',
		displayOptions: show,
	},
	consignmentReferencesField(show),
	requestModeField(show, 'per service group'),
	optionsCollection(show, [batchSizeOption, ifAlreadyAllocatedOption]),
];

/** PUT /allocation/allocatewithservicegroup `{ConsignmentReferences, MpdCarrierServiceGroupReference}`. */
export async function encodeAllocateWithServiceGroup(
	format: 'json' | 'xml',
	serviceGroup: string,
	references: string[],
): Promise<string> {
	// XML lists the base type's ConsignmentReferences first, as SortedPRO's XSD orders them.
	const body = { ConsignmentReferences: references, MpdCarrierServiceGroupReference: serviceGroup };
	return await encodeBody(format, body, 'AllocateConsignmentsWithServiceGroupRequest');
}

const spec: BatchSpec = {
	group: {
		parameter: 'serviceGroup',
		field: 'Service Group',
		hint: 'give the code of a carrier service group',
	},
	async send(batch, run, itemIndex) {
		const references = batch.consignments.map((consignment) => consignment.reference);
		return await sendAllocation.call(
			this,
			run,
			{
				method: 'PUT',
				path: apiPath('allocation', 'allocatewithservicegroup'),
				body: await encodeAllocateWithServiceGroup(run.options.format, batch.group, references),
				itemIndex,
			},
			references,
		);
	},
	failureMessage: (consignment, reason) =>
		`Consignment ${consignment.reference} was not allocated with service group ${consignment.group}: ${reason}`,
	missingReason: 'SortedPRO returned no Allocation Summary for it',
};

export const allocateWithServiceGroup: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Allocate With Service Group',
		value: 'allocateWithServiceGroup',
		description: 'Allocate consignments to the best carrier service of a service group',
		action: 'Allocate consignments with a service group',
	},
	description,
	async execute(this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext) {
		return await runBatch.call(this, items, run, spec);
	},
};
