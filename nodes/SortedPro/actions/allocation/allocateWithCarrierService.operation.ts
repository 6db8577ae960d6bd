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
import { checkCarrierServices } from './carrierServices';

const show = { show: { resource: ['allocation'], operation: ['allocateWithCarrierService'] } };

const description: INodeProperties[] = [
	{
		displayName: 'Carrier Service',
		name: 'carrierService',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The MPD carrier service to allocate the consignments to (SortedPRO calls its reference "Service Code")',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCarrierServices', searchable: true },
			},
			{
				displayName: 'By Reference',
				name: 'reference',
				type: 'string',
				placeholder: 'e.g. MPD_RMDTPS48HNAST',
			},
		],
		displayOptions: show,
	},
	consignmentReferencesField(show),
	requestModeField(show),
	optionsCollection(show, [batchSizeOption, ifAlreadyAllocatedOption]),
];

/** PUT /allocation/allocatewithcarrierservice `{MpdCarrierServiceReference, ConsignmentReferences}`. */
export async function encodeAllocateWithCarrierService(
	format: 'json' | 'xml',
	carrierService: string,
	references: string[],
): Promise<string> {
	const body = { MpdCarrierServiceReference: carrierService, ConsignmentReferences: references };
	// XML lists the base type's ConsignmentReferences first, as SortedPRO's XSD orders them.
	return format === 'json'
		? await encodeBody(format, body, '')
		: await encodeBody(
				format,
				{ ConsignmentReferences: references, MpdCarrierServiceReference: carrierService },
				'AllocateConsignmentsWithCarrierServiceRequest',
			);
}

const spec: BatchSpec = {
	group: {
		parameter: 'carrierService',
		field: 'Carrier Service',
		extractValue: true,
		hint: 'choose one from the list or give its reference',
	},
	checkGroups: checkCarrierServices,
	async send(batch, run, itemIndex) {
		const references = batch.consignments.map((consignment) => consignment.reference);
		return await sendAllocation.call(
			this,
			run,
			{
				method: 'PUT',
				path: apiPath('allocation', 'allocatewithcarrierservice'),
				body: await encodeAllocateWithCarrierService(run.options.format, batch.group, references),
				itemIndex,
			},
			references,
			batch.group,
		);
	},
	failureMessage: (consignment, reason) =>
		`Consignment ${consignment.reference} was not allocated with ${consignment.group}: ${reason}`,
	missingReason: 'SortedPRO returned no Allocation Summary for it',
};

export const allocateWithCarrierService: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Allocate With Carrier Service',
		value: 'allocateWithCarrierService',
		description: 'Allocate consignments to a specific carrier service',
		action: 'Allocate consignments with a carrier service',
	},
	description,
	async execute(this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext) {
		return await runBatch.call(this, items, run, spec);
	},
};
