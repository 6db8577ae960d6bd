import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readConsignmentReference } from '../helpers/pathReferences';
import type { PerItemOperation, RunContext } from './types';

/**
 * A per-item operation on one consignment: the item's Consignment Reference is read and checked
 * (usable as a path segment) before `execute` gets it.
 */
export function consignmentOperation(
	option: PerItemOperation['option'],
	description: INodeProperties[],
	execute: (
		this: IExecuteFunctions,
		itemIndex: number,
		run: RunContext,
		reference: string,
	) => Promise<INodeExecutionData[]>,
): PerItemOperation {
	return {
		kind: 'perItem',
		option,
		description,
		async execute(this: IExecuteFunctions, itemIndex: number, run: RunContext) {
			const reference = readConsignmentReference.call(this, itemIndex);
			return await execute.call(this, itemIndex, run, reference);
		},
	};
}
