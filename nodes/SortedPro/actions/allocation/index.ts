import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as allocateWithCarrierService from './allocateWithCarrierService.operation';

export const operations: Record<string, Operation> = {
	allocateWithCarrierService: allocateWithCarrierService.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['allocation'] } },
		options: [
			{
				name: 'Allocate With Carrier Service',
				value: 'allocateWithCarrierService',
				description: 'Allocate consignments to a specific carrier service',
				action: 'Allocate consignments with a carrier service',
			},
		],
		default: 'allocateWithCarrierService',
	},
	...allocateWithCarrierService.description,
];
