import type { IExecuteFunctions } from 'n8n-workflow';

import { readPathReference } from '../../helpers/pathReferences';
import { consignmentReferenceField, optionsCollection } from '../common.descriptions';
import type { PerItemOperation, RunContext } from '../types';
import { getConsignmentObject } from './get.operation';
import { CONSIGNMENT_STATUS } from './schemas';

const show = { show: { resource: ['consignment'], operation: ['getStatus'] } };

export const getStatus: PerItemOperation = {
	kind: 'perItem',
	option: {
		name: 'Get Status',
		value: 'getStatus',
		description: 'Get a consignment’s state and expected delivery date',
		action: 'Get the status of a consignment',
	},
	description: [consignmentReferenceField(show), optionsCollection(show)],
	async execute(this: IExecuteFunctions, itemIndex: number, run: RunContext) {
		const reference = readPathReference.call(
			this,
			itemIndex,
			'consignmentReference',
			'Consignment Reference',
		);
		const status = await getConsignmentObject.call(
			this,
			itemIndex,
			run,
			['consignments', reference, 'status'],
			CONSIGNMENT_STATUS,
			'ConsignmentStatusResponse',
		);
		return [{ json: { ConsignmentReference: reference, ...status } }];
	},
};
