import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** An item's group that cannot be used: the item is refused, naming the field. */
export class GroupProblem {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {}
}

/**
 * What the requests are grouped by: one per-item parameter (e.g. the carrier service), or
 * several read by the operation into one group text (or a GroupProblem).
 */
export type GroupSpec = { field: string; hint: string } & (
	| { parameter: string; extractValue?: boolean }
	| {
			read(
				this: IExecuteFunctions,
				items: INodeExecutionData[],
			): (itemIndex: number) => string | GroupProblem;
	  }
);
