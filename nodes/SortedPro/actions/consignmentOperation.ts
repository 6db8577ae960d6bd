import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../helpers/inputErrors';
import { readConsignmentReference } from '../helpers/pathReferences';
import { keepMessage } from '../transport/errors';
import type { PerItemOperation, RunContext } from './types';

/** "get the label of consignment EC-…" from the action "Get the label of a consignment". */
function what(action: string, reference: string): string {
	const subject = `consignment ${reference}`;
	const phrase = action.charAt(0).toLowerCase() + action.slice(1);
	return phrase.includes('a consignment')
		? phrase.replace('a consignment', subject)
		: `${phrase} (${subject})`;
}

/**
 * A per-item operation on one consignment: the item's Consignment Reference is read and checked
 * (usable as a path segment) before `execute` gets it. An error from SortedPRO that does not
 * name the consignment is made to.
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
			try {
				return await execute.call(this, itemIndex, run, reference);
			} catch (caught) {
				const error = asNodeError.call(this, caught, itemIndex);
				// SortedPRO's answers (a timeout, a 500) need not name the consignment: the message does.
				if (error instanceof NodeApiError && !error.message.includes(reference))
					keepMessage(error, `Could not ${what(option.action, reference)}: ${error.message}`);
				throw error;
			}
		},
	};
}
