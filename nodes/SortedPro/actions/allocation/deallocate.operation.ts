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

const show = { show: { resource: ['allocation'], operation: ['deallocate'] } };

const description: INodeProperties[] = [
	consignmentReferencesField(show),
	requestModeField(show, ''),
	optionsCollection(show, [batchSizeOption]),
];

// .NET's namespace of a bare string list (DataContractSerializer's ArrayOfString).
const ARRAYS_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};

/**
 * The body of PUT /consignments/deallocatelist: SortedPRO documents a bare JSON array of
 * references. No source shows its XML; a bare string list is sent as `ArrayOfString`.
 * References hold no control characters (see helpers/references), so escaping suffices.
 */
export function encodeReferenceList(format: BodyFormat, references: string[]): string {
	if (format === 'json') return JSON.stringify(references);
	const entries = references.map(
		(reference) => `<string>${reference.replace(/[&<>"']/g, (char) => XML_ESCAPES[char])}</string>`,
	);
	return `<?xml version="1.0" encoding="utf-8"?><ArrayOfString xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="${ARRAYS_NS}">${entries.join('')}</ArrayOfString>`;
}

const DEALLOCATION: WithMessageCall = {
	done: 'deallocated',
	// A resend finds the consignment Unallocated: the lost attempt most likely deallocated it.
	alreadyDone: /\b(already (deallocated|unallocated)|in state unallocated)\b/i,
};

const spec: BatchSpec = {
	async send(batch, run, itemIndex) {
		const references = batch.consignments.map((consignment) => consignment.reference);
		const body = encodeReferenceList(run.options.format, references);
		return await sendWithMessageCall.call(
			this,
			run,
			{ method: 'PUT', path: apiPath('consignments', 'deallocatelist'), body, itemIndex },
			references,
			DEALLOCATION,
		);
	},
	failureMessage: (consignment, reason) =>
		`Consignment ${consignment.reference} was not deallocated: ${reason}`,
	missingReason: 'SortedPRO returned no result for it',
};

/** PUT /consignments/deallocatelist with a bare list of references: each becomes Unallocated. */
export const deallocate: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Deallocate',
		value: 'deallocate',
		description: 'Undo the allocation of Allocated, Manifested or Manifest Failed consignments',
		action: 'Deallocate consignments',
	},
	description,
	async execute(this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext) {
		return await runBatch.call(this, items, run, spec);
	},
};
