import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { FileProblem } from '../helpers/base64File';
import { inputError } from '../helpers/inputErrors';

/** The option naming the output binary field of an operation that outputs files (`what`: "label"). */
export const binaryPropertyOption = (what: string): INodeProperties => ({
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	description: `The name of the output binary field to put the ${what} file in`,
});

/** The binary field an item's files go in (Options → Put Output File in Field), checked. */
export function readBinaryPropertyName(this: IExecuteFunctions, itemIndex: number): string {
	const name = String(
		this.getNodeParameter('options.binaryPropertyName', itemIndex, 'data') ?? '',
	).trim();
	if (name === '')
		throw inputError.call(
			this,
			itemIndex,
			'Put Output File in Field',
			'is empty: give the name of a binary field, e.g. data',
		);
	return name;
}

/** The message of a file answer that cannot be used: "The label of consignment EC-… cannot be used: …". */
export const unusableFile = (what: string) => (error: Error) =>
	`${what} cannot be used: ${
		error instanceof FileProblem ? error.message : `the answer could not be read: ${error.message}`
	}`;
