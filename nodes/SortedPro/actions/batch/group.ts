import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** An item's group that cannot be used: the item is refused, naming the field. */
export class GroupProblem {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {}
}

/** Groups by one per-item parameter (e.g. the carrier service). */
interface ParameterGroup {
	parameter: string;
	extractValue?: boolean;
}

/** Groups by several parameters, read by the operation into one group text (or a GroupProblem). */
interface ReadGroup {
	read(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
	): (itemIndex: number) => string | GroupProblem;
}

/** What the requests are grouped by. */
export type GroupSpec = { field: string; hint: string } & (ParameterGroup | ReadGroup);
