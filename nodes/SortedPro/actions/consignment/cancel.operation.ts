import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport';
import type { BodyFormat } from '../../transport/codec';
import { runBatch, type BatchSpec } from '../batch/engine';
import { sendWithMessageCall, type WithMessageCall } from '../batch/withMessageResults';
import {
	batchSizeOption,
	consignmentReferencesField,
	optionsCollection,
	requestModeField,
} from '../common.descriptions';
import type { BatchOperation, RunContext } from '../types';

const show = { show: { resource: ['consignment'], operation: ['cancel'] } };

const description: INodeProperties[] = [
	consignmentReferencesField(show),
	requestModeField(show, ''),
	optionsCollection(show, [batchSizeOption]),
];

const ARRAYS_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};

/**
 * A bare list of references, as SortedPRO documents the body of its list calls (JSON array).
 * No source shows the XML; a bare string list is sent as .NET's `ArrayOfString`.
 */
function encodeReferenceList(format: BodyFormat, references: string[]): string {
	if (format === 'json') return JSON.stringify(references);
	const entries = references.map(
		(reference) => `<string>${reference.replace(/[&<>"']/g, (char) => XML_ESCAPES[char])}</string>`,
	);
	return `<?xml version="1.0" encoding="utf-8"?><ArrayOfString xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="${ARRAYS_NS}">${entries.join('')}</ArrayOfString>`;
}

const CANCELLATION: WithMessageCall = {
	done: 'cancelled',
	// A resend finds the consignment Cancelled: the lost attempt most likely cancelled it.
	alreadyDone: /\b(already cancell?ed|in state cancell?ed)\b/i,
};

const spec: BatchSpec = {
	async send(batch, run, itemIndex) {
		const references = batch.consignments.map((consignment) => consignment.reference);
		const body = encodeReferenceList(run.options.format, references);
		return await sendWithMessageCall.call(
			this,
			run,
			{ method: 'PUT', path: apiPath('consignments', 'cancellist'), body, itemIndex },
			references,
			CANCELLATION,
		);
	},
	failureMessage: (consignment, reason) =>
		`Consignment ${consignment.reference} was not cancelled: ${reason}`,
	missingReason: 'SortedPRO returned no result for it',
};

/** PUT /consignments/cancellist with a bare list of references; only before manifesting. */
export const cancel: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Cancel',
		value: 'cancel',
		description: 'Cancel consignments that have not been manifested',
		action: 'Cancel consignments',
	},
	description,
	async execute(this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext) {
		return await runBatch.call(this, items, run, spec);
	},
};
