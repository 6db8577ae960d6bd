import { consignmentDescription } from '../common.descriptions';
import type { PerConsignmentOperation } from '../types';
import { getConsignment } from './get.operation';

export const getStatus: PerConsignmentOperation = {
	kind: 'perConsignment',
	option: {
		name: 'Get Status',
		value: 'getStatus',
		description: 'Get a consignment’s state and expected delivery date',
		action: 'Get the status of a consignment',
	},
	description: consignmentDescription(),
	async execute(itemIndex, run, reference) {
		const status = await getConsignment(run, itemIndex, reference, 'status');
		return [{ json: { ConsignmentReference: reference, ...status } }];
	},
};
