/**
 * Running any operation of the Allocation resource through n8n-core against the simulator.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RunNodeResult } from '../harness';
import type { Simulator } from '../simulator';
import { runSortedPro, type OnError } from './setup';

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
	return await runSortedPro(run.sim, parameters, run.items, run.onError);
}

/** What an item says: its consignment, or its error. */
export const outcomeOf = (item: INodeExecutionData) =>
	item.json.ConsignmentReference ?? item.json.error;
