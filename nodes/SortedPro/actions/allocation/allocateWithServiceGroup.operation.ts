import type { INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { encodeBody } from '../../transport/codec';
import { batchReferencesDescription } from '../common.descriptions';
import { allocationSpec } from './allocationSpec';
import { allocationOptions } from './allocationLabels';
import { checkPickedGroups, pickerField } from '../referenceData/picked';
import { serviceGroups } from '../referenceData/referenceLists';
import type { BatchOperation } from '../types';

const description: INodeProperties[] = [
	pickerField(
		{
			displayName: 'Service Group',
			name: 'serviceGroup',
			required: true,
			description:
				'The carrier service group to allocate with (SortedPRO\'s UI calls its reference "Service Group Code")',
		},
		'searchServiceGroups',
		'e.g. valuableGoods',
	),
	...batchReferencesDescription('per service group', allocationOptions),
];

/** PUT /allocation/allocatewithservicegroup `{ConsignmentReferences, MpdCarrierServiceGroupReference}`. */
async function encodeAllocateWithServiceGroup(
	format: 'json' | 'xml',
	serviceGroup: string,
	references: string[],
): Promise<string> {
	// XML lists the base type's ConsignmentReferences first, as SortedPRO's XSD orders them.
	const body = { ConsignmentReferences: references, MpdCarrierServiceGroupReference: serviceGroup };
	return await encodeBody(format, body, 'AllocateConsignmentsWithServiceGroupRequest');
}

/** PUT /allocation/allocatewithservicegroup: the consignments, grouped by service group. */
export const allocateWithServiceGroup: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Allocate With Service Group',
		value: 'allocateWithServiceGroup',
		description: 'Allocate consignments to the best carrier service of a service group',
		action: 'Allocate consignments with a service group',
	},
	description,
	batch: allocationSpec(
		{
			request: async (batch, references, format) => ({
				path: apiPath('allocation', 'allocatewithservicegroup'),
				body: await encodeAllocateWithServiceGroup(format, batch.group, references),
			}),
			how: (serviceGroup) => `with service group ${serviceGroup}`,
		},
		{
			group: {
				parameter: 'serviceGroup',
				field: 'Service Group',
				extractValue: true,
				hint: 'choose one from the list or give the code of a carrier service group',
			},
			checkGroups: checkPickedGroups('serviceGroup', serviceGroups),
		},
	),
};
