import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { httpStatusOf } from '../../transport/errors';
import type { AfterSuccess } from '../batch/types';
import { fetchLabel } from '../label/labelFile';
import {
	binaryPropertyNameOption,
	labelFormatField,
	labelResolutionField,
	readLabelFormat,
	readLabelResolution,
} from '../label/labelParameters';
import { readBinaryPropertyName } from '../fileOutput';
import type { RunContext } from '../run';
import { acceptedOnly } from './allocationSummaries';
import { ifAlreadyAllocatedOption } from './alreadyAllocated';

const withLabels = { show: { getLabels: [true] } };
const FORMAT = { path: 'options.labelFormat', field: 'Label Format' };
const RESOLUTION = { path: 'options.labelResolution', field: 'Label Resolution (DPI)' };

/** The Options of every allocate call: If Already Allocated, and Get Labels with Label → Get's choices. */
export const allocationOptions: INodeProperties[] = [
	ifAlreadyAllocatedOption,
	{
		displayName: 'Get Labels',
		name: 'getLabels',
		type: 'boolean',
		default: false,
		description:
			'Whether to get the label of each consignment allocated, as a file on its output item (one GET per consignment, as Label → Get sends). A label that cannot be had leaves the item allocated, with labelError saying why.',
	},
	{
		...labelFormatField,
		name: 'labelFormat',
		displayName: FORMAT.field,
		displayOptions: withLabels,
		description: 'File format of the labels: one file per consignment, covering all its packages',
	},
	{
		...labelResolutionField,
		name: 'labelResolution',
		displayName: RESOLUTION.field,
		displayOptions: withLabels,
	},
	{ ...binaryPropertyNameOption, displayOptions: withLabels },
];

const NOT_YET =
	'No label was fetched: SortedPRO accepted the consignment for later processing and it is not allocated yet. Get its label with Label → Get once it is Allocated.';

/** The notice on an allocated item whose label could not be had: it says not to allocate again. */
function labelError(reference: string, error: unknown): string {
	const status = error instanceof NodeApiError ? httpStatusOf(error) : undefined;
	const message = error instanceof Error ? error.message : String(error);
	const reason =
		status && !message.includes(`HTTP ${status}`) ? `${message} (HTTP ${status})` : message;
	return `Allocated, but its label could not be fetched: ${reason}. Get it with Label → Get; do not allocate ${reference} again.`;
}

/**
 * With Get Labels (read once, from the first item, as every option), each consignment allocated
 * gets its label with Label → Get's call, as binary data on its item. A label that cannot be
 * had (refused, no answer after the retries, unusable) only adds `labelError` to the item:
 * the consignment is allocated, and an error would invite a second allocation.
 */
export function labelStep(this: IExecuteFunctions, run: RunContext): AfterSuccess | undefined {
	if (this.getNodeParameter('options.getLabels', 0, false) !== true) return undefined;
	const format = readLabelFormat.call(this, 0, FORMAT);
	const resolution = readLabelResolution.call(this, 0, format, RESOLUTION);
	const field = readBinaryPropertyName.call(this, 0);
	return async ({ reference, itemIndex }, json) => {
		if (acceptedOnly(json)) return { json: { ...json, labelError: NOT_YET } };
		try {
			const label = await fetchLabel.call(this, run, itemIndex, { reference, format, resolution });
			return { json, binary: { [field]: label.binary } };
		} catch (error) {
			return { json: { ...json, labelError: labelError(reference, error) } };
		}
	};
}
