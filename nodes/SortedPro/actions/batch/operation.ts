import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BatchOperation, RunContext } from '../types';
import { runBatch, type BatchSpec } from './engine';

/** How a batch operation's items are run: the engine, or a variant of it (see runPerConsignment). */
export type BatchRunner = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	run: RunContext,
	spec: BatchSpec,
) => Promise<INodeExecutionData[]>;

/** A batch operation: its Operation entry and parameters, its spec run by the batch engine. */
export function batchOperation(
	option: BatchOperation['option'],
	description: INodeProperties[],
	spec: BatchSpec,
	runner: BatchRunner = runBatch,
): BatchOperation {
	return {
		kind: 'batch',
		option,
		description,
		async execute(this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext) {
			return await runner.call(this, items, run, spec);
		},
	};
}
