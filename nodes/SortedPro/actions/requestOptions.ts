import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { wholeNumber } from '../helpers/fieldValues';
import type { BodyFormat, RetryPolicy } from '../transport';
import {
	batchSizeOption,
	requestOptions,
	timeoutPerConsignmentOption,
} from './common.descriptions';

/** The shared options of a run, read once from the first item (they shape every request). */
export interface RequestOptions {
	format: BodyFormat;
	policy: RetryPolicy;
	parallelRequests: number;
	batchSize: number;
}

const NUMBER_OPTIONS = new Map<string, INodeProperties>(
	[...requestOptions, batchSizeOption, timeoutPerConsignmentOption].map((option) => [
		option.name,
		option,
	]),
);

/** The shared options, read once from the first item; each checked against its description's limits. */
export function readRequestOptions(this: IExecuteFunctions): RequestOptions {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const refuse = (field: string, problem: string) =>
		new NodeOperationError(this.getNode(), `[item 0] "${field}" ${problem}`, {
			itemIndex: 0,
			description: 'Fix the option. Nothing was sent to SortedPRO.',
		});
	const number = (name: string): number => {
		const property = NUMBER_OPTIONS.get(name) as INodeProperties;
		return wholeNumber(options[name] ?? property.default, property, refuse);
	};
	return {
		format: options.bodyFormat === 'xml' ? 'xml' : 'json',
		batchSize: number('batchSize'),
		parallelRequests: number('parallelRequests'),
		policy: {
			retries: number('retries'),
			baseDelayMs: number('retryDelay'),
			maxDelayMs: number('maxRetryWait'),
			timeoutMs: number('timeout'),
			timeoutPerConsignmentMs: number('timeoutPerConsignment'),
		},
	};
}
