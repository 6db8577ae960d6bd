import { consignmentDescription } from '../common.descriptions';
import { consignmentOperation } from '../consignmentOperation';
import { getConsignment } from './get.operation';

export const getStatus = consignmentOperation(
	{
		name: 'Get Status',
		value: 'getStatus',
		description: 'Get a consignment’s state and expected delivery date',
		action: 'Get the status of a consignment',
	},
	consignmentDescription(),
	async function (itemIndex, run, reference) {
		const status = await getConsignment.call(this, itemIndex, run, reference, 'status');
		return [{ json: { ConsignmentReference: reference, ...status } }];
	},
);
