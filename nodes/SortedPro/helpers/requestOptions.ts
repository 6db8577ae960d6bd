import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { batchSizeOption, requestOptions } from '../actions/common.descriptions';
import type { BodyFormat } from '../transport/codec';
import type { RetryPolicy } from '../transport';

/** The shared options of a run, read once from the first item (they shape every request). */
export interface RequestOptions {
	format: BodyFormat;
	policy: RetryPolicy;
	parallelRequests: number;
	batchSize: number;
}

const NUMBER_OPTIONS = new Map<string, INodeProperties>(
	[...requestOptions, batchSizeOption].map((option) => [option.name, option]),
);

/** The limits and default of a numeric option, as its description states them. */
export function numberOptionLimits(name: string): {
	min: number;
	max: number;
	fallback: number;
	label: string;
} {
	const option = NUMBER_OPTIONS.get(name);
	if (!option) throw new Error(`No numeric option ${name}`);
	const { minValue, maxValue } = option.typeOptions as { minValue: number; maxValue: number };
	return {
		min: minValue,
		max: maxValue,
		fallback: option.default as number,
		label: option.displayName,
	};
}

export function readRequestOptions(this: IExecuteFunctions): RequestOptions {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const wholeNumber = (name: string): number => {
		const { min, max, fallback, label } = numberOptionLimits(name);
		const value = options[name] ?? fallback;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			throw new NodeOperationError(
				this.getNode(),
				`[item 0] "${label}" must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`,
				{ itemIndex: 0, description: 'Fix the option. Nothing was sent to SortedPRO.' },
			);
		}
		return value;
	};
	return {
		format: options.bodyFormat === 'xml' ? 'xml' : 'json',
		batchSize: wholeNumber('batchSize'),
		parallelRequests: wholeNumber('parallelRequests'),
		policy: {
			retries: wholeNumber('retries'),
			baseDelayMs: wholeNumber('retryDelay'),
			maxDelayMs: wholeNumber('maxRetryWait'),
			timeoutMs: wholeNumber('timeout'),
		},
	};
}
