import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../transport';
import type { BodyFormat } from '../transport/codec';
import type { RequestMode } from './allocationPlan';

// Limits of the options; the parameter descriptions state the same numbers (n8n's lint wants literals there).
export const MAX_BATCH_SIZE = 1000;
const MAX_RETRIES = 10;
const MAX_WAIT_MS = 10 * 60_000;

export interface RunSettings {
	mode: RequestMode;
	batchSize: number;
	format: BodyFormat;
	policy: RetryPolicy;
}

/** Run-wide settings, read once from the first item (they shape the batches of all items). */
export function readSettings(this: IExecuteFunctions): RunSettings {
	const mode = this.getNodeParameter('requestMode', 0, 'combine') as RequestMode;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const wholeNumber = (name: string, field: string, fallback: number, min: number, max: number): number => {
		const value = options[name] ?? fallback;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			throw new NodeOperationError(
				this.getNode(),
				`[item 0] "${field}" must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`,
				{ itemIndex: 0, description: 'Fix the option. Nothing was sent to SortedPRO.' },
			);
		}
		return value;
	};
	return {
		mode,
		batchSize: wholeNumber('batchSize', 'Batch Size', 100, 1, MAX_BATCH_SIZE),
		format: options.bodyFormat === 'xml' ? 'xml' : 'json',
		policy: {
			retries: wholeNumber('retries', 'Retries', DEFAULT_RETRY_POLICY.retries, 0, MAX_RETRIES),
			baseDelayMs: wholeNumber('retryDelay', 'Retry Delay (Ms)', DEFAULT_RETRY_POLICY.baseDelayMs, 0, MAX_WAIT_MS),
			maxDelayMs: wholeNumber('maxRetryWait', 'Max Retry Wait (Ms)', DEFAULT_RETRY_POLICY.maxDelayMs, 0, MAX_WAIT_MS),
			timeoutMs: wholeNumber('timeout', 'Timeout (Ms)', DEFAULT_RETRY_POLICY.timeoutMs, 1, MAX_WAIT_MS),
		},
	};
}

