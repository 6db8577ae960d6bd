import { getAndRead, readObject } from '../../helpers/getAndRead';
import { apiPath } from '../../transport';
import { consignmentDescription } from '../common.descriptions';
import { consignmentOperation } from '../consignmentOperation';
import { CONSIGNMENT_STATUS } from './schemas';

export const getStatus = consignmentOperation(
	{
		name: 'Get Status',
		value: 'getStatus',
		description: 'Get a consignment’s state and expected delivery date',
		action: 'Get the status of a consignment',
	},
	consignmentDescription(),
	async function (itemIndex, run, reference) {
		const status = await getAndRead(
			this,
			itemIndex,
			run,
			apiPath('consignments', reference, 'status'),
			readObject(CONSIGNMENT_STATUS, 'ConsignmentStatusResponse'),
		);
		return [{ json: { ConsignmentReference: reference, ...status } }];
	},
);
