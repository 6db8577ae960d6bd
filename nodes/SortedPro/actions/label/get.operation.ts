import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../helpers/inputErrors';
import { pathSegmentProblem } from '../../helpers/pathReferences';
import { apiPath } from '../../transport';
import { consignmentDescription } from '../common.descriptions';
import { binaryPropertyOption, readBinaryPropertyName, unusableFile } from '../fileOutput';
import type { PerConsignmentOperation } from '../types';
import { decodeLabel, LABEL_FORMATS, type LabelFormat } from './labelFile';

const MAX_DPI = 1200;
const resolutionField: INodeProperties = {
	displayName: 'Resolution (DPI)',
	name: 'resolution',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0, maxValue: MAX_DPI, numberPrecision: 0 },
	description:
		"Printer resolution in dots per inch, e.g. 203 or 300. 0 or empty: SortedPRO's default for the format.",
};

const description = consignmentDescription(
	[
		{
			displayName: 'Format',
			name: 'format',
			type: 'options',
			default: 'PDF',
			options: [
				{ name: 'PDF', value: 'PDF' },
				{
					name: 'PNG',
					value: 'PNG',
					description: 'Only without a resolution: SortedPRO serves PNG labels by format alone',
				},
				{ name: 'ZPL', value: 'ZPL' },
				{ name: 'ZPL II', value: 'ZPLII' },
			],
			description:
				'File format of the label. One file covers all packages of the consignment, unless Options → Package Reference names one.',
		},
		resolutionField,
	],
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
		binaryPropertyOption('label'),
	],
);

/** The format of an item; from an expression also `pdf` or `ZPL II`. */
function readFormat(this: IExecuteFunctions, itemIndex: number): LabelFormat {
	const value = this.getNodeParameter('format', itemIndex, 'PDF') as unknown;
	const format = typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : '';
	if (!Object.hasOwn(LABEL_FORMATS, format)) {
		throw inputError.call(
			this,
			itemIndex,
			'Format',
			`must be one of ${Object.keys(LABEL_FORMATS).join(', ')}, not ${JSON.stringify(value)}`,
		);
	}
	return format as LabelFormat;
}

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

/** The resolution of an item: undefined when left empty or 0; else a whole number of dpi. */
function readResolution(
	this: IExecuteFunctions,
	itemIndex: number,
	format: LabelFormat,
): number | undefined {
	const value = this.getNodeParameter('resolution', itemIndex, 0) as unknown;
	if (value === null || value === undefined || value === '' || value === 0) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_DPI) {
		throw inputError.call(
			this,
			itemIndex,
			'Resolution (DPI)',
			`must be a whole number of dots per inch from 1 to ${MAX_DPI}, or empty, not ${JSON.stringify(value)}`,
		);
	}
	if (format === 'PNG') {
		throw inputError.call(
			this,
			itemIndex,
			'Resolution (DPI)',
			'must be empty for PNG: SortedPRO serves PNG labels only by format, without a resolution',
		);
	}
	return value;
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
		const format = readFormat.call(this, itemIndex);
		const resolution = readResolution.call(this, itemIndex, format);
		const binaryPropertyName = readBinaryPropertyName.call(this, itemIndex);

		const packageReference = readPackage.call(this, itemIndex);
		const of =
			packageReference === undefined ? [reference] : ['package', reference, packageReference];
		const path =
			resolution === undefined
				? apiPath('labels', ...of, format)
				: apiPath('labels', ...of, format, String(resolution));
		const whose =
			packageReference === undefined
				? `consignment ${reference}`
				: `package ${packageReference} of consignment ${reference}`;
		const label = await run.api.get(
			path,
			async (body, contentType) => await decodeLabel(body, contentType, format),
			itemIndex,
			unusableFile(`The label of ${whose}`),
		);
		const fileName = `${[reference, packageReference].filter(Boolean).join('-')}.${LABEL_FORMATS[format].extension}`;
		const binary = await this.helpers.prepareBinaryData(label.data, fileName, label.mimeType);
		return [
			{
				json: {
					ConsignmentReference: reference,
					...(packageReference !== undefined && { PackageReference: packageReference }),
					Format: format,
					Resolution: resolution ?? null,
					ContentType: label.mimeType,
					FileName: fileName,
					FileSize: label.data.length,
				},
				binary: { [binaryPropertyName]: binary },
			},
		];
	},
};
