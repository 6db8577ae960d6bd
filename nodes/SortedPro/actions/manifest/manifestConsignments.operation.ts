import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { encodeBody } from '../../transport/codec';
import { runBatch, type BatchSpec } from '../batch/engine';
import { sendWithMessageCall } from '../batch/withMessageResults';
import {
	batchSizeOption,
	consignmentReferencesField,
	optionsCollection,
	requestModeField,
} from '../common.descriptions';
import type { BatchOperation, RunContext } from '../types';

const show = { show: { resource: ['manifest'], operation: ['manifestConsignments'] } };

const description: INodeProperties[] = [
	{
		displayName:
			'Each successful manifest call sends data to the carriers: SortedPRO advises against manifesting consignments one by one. Keep Request Mode on Combine Items.',
		name: 'manifestNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	consignmentReferencesField(show),
	requestModeField(show, 'as SortedPRO advises'),
	optionsCollection(show, [batchSizeOption]),
];

const spec: BatchSpec = {
	async send(batch, run, itemIndex) {
		const references = batch.consignments.map((consignment) => consignment.reference);
		return await sendWithMessageCall.call(
			this,
			run,
			{
				method: 'PUT',
				path: apiPath('consignments', 'manifest'),
				body: await encodeBody(
					run.options.format,
					{ ConsignmentReferences: references },
					'ManifestConsignmentsRequest',
				),
				itemIndex,
			},
			references,
			{ done: 'manifested', alreadyDone: /\b(already manifested|in state Manifest(ed|ing))\b/i },
		);
	},
	failureMessage: (consignment, reason) =>
		`Consignment ${consignment.reference} was not manifested: ${reason}`,
	missingReason: 'SortedPRO returned no result for it',
};

export const manifestConsignments: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Manifest Consignments',
		value: 'manifestConsignments',
		description: 'Manifest allocated consignments, so the carriers collect them',
		action: 'Manifest consignments',
	},
	description,
	async execute(this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext) {
		return await runBatch.call(this, items, run, spec);
	},
};
