import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../helpers/inputErrors';
import { pathSegmentProblem } from '../../helpers/pathReferences';
import { consignmentDescription } from '../common.descriptions';
import { readBinaryPropertyName } from '../fileOutput';
import type { PerConsignmentOperation } from '../types';
import { fetchLabel } from './labelFile';
import {
	binaryPropertyNameOption,
	labelFormatField,
	labelResolutionField,
	readLabelFormat,
	readLabelResolution,
} from './labelParameters';

const description = consignmentDescription(
	[labelFormatField, labelResolutionField],
	[
		{
			displayName: 'Package Reference',
			name: 'packageReference',
			type: 'string',
			default: '',
			placeholder: 'e.g. EP-000-05B-MMA-001',
			description:
				"The label of this one package of the consignment (SortedPRO's package reference, shown under Packages by Consignment → Get) instead of the whole consignment's",
		},
		binaryPropertyNameOption,
	],
);

/** The package an item asks the label of; undefined for the whole consignment. */
function readPackage(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = this.getNodeParameter('options.packageReference', itemIndex, '') as unknown;
	if (value === null || value === undefined) return undefined;
	if (typeof value !== 'string')
		throw inputError.call(
			this,
			itemIndex,
			'Package Reference',
			`must be text, not ${JSON.stringify(value)}`,
		);
	const reference = value.trim();
	if (reference === '') return undefined;
	const problem = pathSegmentProblem(reference);
	if (problem !== undefined) throw inputError.call(this, itemIndex, 'Package Reference', problem);
	return reference;
}

export const getLabel: PerConsignmentOperation = {
	kind: 'perConsignment',
	option: {
		name: 'Get',
		value: 'get',
		description: 'Get the label of an allocated consignment as a file (PDF, PNG, ZPL)',
		action: 'Get the label of a consignment',
	},
	description,
	async execute(itemIndex, run, reference) {
		const format = readLabelFormat.call(this, itemIndex, { path: 'format', field: 'Format' });
		const resolution = readLabelResolution.call(this, itemIndex, format, {
			path: 'resolution',
			field: 'Resolution (DPI)',
		});
		const binaryPropertyName = readBinaryPropertyName.call(this, itemIndex);
		const packageReference = readPackage.call(this, itemIndex);
		const label = await fetchLabel.call(this, run, itemIndex, {
			reference,
			packageReference,
			format,
			resolution,
		});
		return [
			{
				json: {
					ConsignmentReference: reference,
					...(packageReference !== undefined && { PackageReference: packageReference }),
					Format: format,
					Resolution: resolution ?? null,
					ContentType: label.mimeType,
					FileName: label.fileName,
					FileSize: label.size,
				},
				binary: { [binaryPropertyName]: label.binary },
			},
		];
	},
};
