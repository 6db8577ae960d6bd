/**
 * Running any operation of the Allocation resource through n8n-core against the simulator.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode, type RunNodeResult } from '../harness';
import type { Simulator } from '../simulator';
import { credentialType, credentialsFor, NODE_TYPE, nodeType, type OnError } from './setup';

export interface OperationRun {
	sim: Simulator;
	operation: string;
	items: INodeExecutionData[];
	/** default: each item's `ref` */
	references?: unknown;
	parameters?: INodeParameters;
	options?: IDataObject;
	onError?: OnError;
}

export async function runOperation(run: OperationRun): Promise<RunNodeResult> {
	const parameters: INodeParameters = {
		resource: 'allocation',
		operation: run.operation,
		consignmentReferences: (run.references ?? '={{ $json.ref }}') as string,
		options: {
			retryDelay: 0,
			maxRetryWait: 20,
			timeout: 10_000,
			...run.options,
		} as INodeParameters,
		...run.parameters,
	};
	return await runNode({
		nodeTypes: { [NODE_TYPE]: nodeType },
		credentialTypes: [credentialType],
		node: { type: NODE_TYPE, parameters, onError: run.onError },
		items: run.items,
		credentials: credentialsFor(run.sim),
	});
}

/** What an item says: its consignment, or its error. */
export const outcomeOf = (item: INodeExecutionData) =>
	item.json.ConsignmentReference ?? item.json.error;
