import type { INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { encodeBody } from '../../transport/codec';
import { batchReferencesDescription } from '../common.descriptions';
import { allocationSpec } from './allocationSpec';
import { allocationOptions } from './allocationLabels';
import { checkCarrierServices } from './carrierServices';
import type { BatchOperation } from '../types';

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
	},
	...batchReferencesDescription(undefined, allocationOptions),
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

/** PUT /allocation/allocatewithcarrierservice: the consignments, grouped by carrier service. */
export const allocateWithCarrierService: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Allocate With Carrier Service',
		value: 'allocateWithCarrierService',
		description: 'Allocate consignments to a specific carrier service',
		action: 'Allocate consignments with a carrier service',
	},
	description,
	batch: allocationSpec(
		{
			request: async (batch, references, format) => ({
				path: apiPath('allocation', 'allocatewithcarrierservice'),
				body: await encodeAllocateWithCarrierService(format, batch.group, references),
			}),
			how: (carrierService) => `with ${carrierService}`,
			groupIsCarrierService: true,
		},
		{
			group: {
				parameter: 'carrierService',
				field: 'Carrier Service',
				extractValue: true,
				hint: 'choose one from the list or give its reference',
			},
			checkGroups: checkCarrierServices,
		},
	),
};
