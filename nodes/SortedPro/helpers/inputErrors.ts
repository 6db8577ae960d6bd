import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Bad input, found before anything is sent: names the item (as n8n numbers them, from 0) and the field. */
export function inputError(
	this: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
): NodeOperationError {
	return new NodeOperationError(this.getNode(), `[item ${itemIndex}] "${field}" ${problem}`, {
		itemIndex,
		description: `Fix "${field}" of input item ${itemIndex}. Nothing was sent to SortedPRO for it.`,
	});
}

/** An error as n8n's node errors: NodeApiError and NodeOperationError as they are, anything else wrapped. */
export function asNodeError(
	this: IExecuteFunctions,
	caught: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	return caught instanceof NodeApiError || caught instanceof NodeOperationError
		? caught
		: new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
}
