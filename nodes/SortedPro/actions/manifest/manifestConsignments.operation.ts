import { encodeBody } from '../../transport/codec';
import { withMessageSpec } from '../batch/withMessageResults';
import { batchReferencesDescription } from '../common.descriptions';
import type { BatchOperation } from '../types';

/** PUT /consignments/manifest `{ConsignmentReferences}`. */
export const manifestConsignments: BatchOperation = {
	kind: 'batch',
	option: {
		name: 'Manifest Consignments',
		value: 'manifestConsignments',
		description: 'Manifest allocated consignments, so the carriers collect them',
		action: 'Manifest consignments',
	},
	description: [
		{
			displayName:
				'Each successful manifest call sends data to the carriers: SortedPRO advises against manifesting consignments one by one. Keep Request Mode on Combine Items.',
			name: 'manifestNotice',
			type: 'notice',
			default: '',
		},
		...batchReferencesDescription('as SortedPRO advises'),
	],
	batch: withMessageSpec(
		'manifest',
		{ done: 'manifested', alreadyDone: /\b(already manifested|in state Manifest(ed|ing))\b/i },
		async (format, references) =>
			await encodeBody(
				format,
				{ ConsignmentReferences: references },
				'ManifestConsignmentsRequest',
			),
	),
};
