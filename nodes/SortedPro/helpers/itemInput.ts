import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterReader } from './parameterReader';
import { parseReferences } from './references';

/** What one input item asks for, once read and checked. */
export interface ItemInput {
	itemIndex: number;
	carrierService: string;
	references: string[];
}

export function inputError(this: IExecuteFunctions, itemIndex: number, field: string, problem: string) {
	return new NodeOperationError(this.getNode(), `[item ${itemIndex}] "${field}" ${problem}`, {
		itemIndex,
		description: `Fix "${field}" of input item ${itemIndex}. Nothing was sent to SortedPRO for it.`,
	});
}

/**
 * Reads each item's carrier service and references (at most once per item, see
 * parameterReader), before any request. A bad item
 * throws, or with continueOnFail becomes an error item in `rejected`.
 */
export function readItemInputs(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	rejected: INodeExecutionData[],
): ItemInput[] {
	const inputs: ItemInput[] = [];
	const carrierServiceOf = parameterReader(this, 'carrierService', items, { extractValue: true });
	const referencesOf = parameterReader(this, 'consignmentReferences', items);
	const fixedReferences = referencesOf.constant ? parseReferences(referencesOf(0)) : undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const carrierService = carrierServiceOf(itemIndex);
		const references = fixedReferences ?? parseReferences(referencesOf(itemIndex));
		let error: NodeOperationError;
		if (typeof carrierService !== 'string' || carrierService.trim() === '') {
			const given = typeof carrierService === 'string' || carrierService === undefined || carrierService === null ? 'is empty' : `is not text (${JSON.stringify(carrierService)})`;
			error = inputError.call(this, itemIndex, 'Carrier Service', `${given}: choose one from the list or give its reference`);
		} else if ('problem' in references) {
			error = inputError.call(this, itemIndex, 'Consignment References', references.problem);
		} else {
			inputs.push({ itemIndex, carrierService: carrierService.trim(), references: references.references });
			continue;
		}
		reject.call(this, error, rejected);
	}
	return inputs;
}

export function reject(this: IExecuteFunctions, error: NodeOperationError, rejected: INodeExecutionData[]): void {
	if (!this.continueOnFail()) throw error;
	rejected.push({ json: { error: error.message }, pairedItem: { item: error.context.itemIndex as number } });
}
