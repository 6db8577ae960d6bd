import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../helpers/inputErrors';
import { binaryPropertyOption } from '../fileOutput';
import { LABEL_FORMATS, type LabelFormat } from './labelFile';

const MAX_DPI = 1200;

/** The label's file format: Label → Get's Format, and Label Format where labels come with another call. */
export const labelFormatField: INodeProperties = {
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
};

export const labelResolutionField: INodeProperties = {
	displayName: 'Resolution (DPI)',
	name: 'resolution',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0, maxValue: MAX_DPI, numberPrecision: 0 },
	description:
		"Printer resolution in dots per inch, e.g. 203 or 300. 0 or empty: SortedPRO's default for the format.",
};

export const binaryPropertyNameOption: INodeProperties = binaryPropertyOption('label');

/** Where a label setting is read: the parameter's path and its name in the editor. */
export interface LabelParameter {
	path: string;
	field: string;
}

/** The format an item asks for; from an expression also `pdf` or `ZPL II`. */
export function readLabelFormat(
	this: IExecuteFunctions,
	itemIndex: number,
	{ path, field }: LabelParameter,
): LabelFormat {
	const value = this.getNodeParameter(path, itemIndex, 'PDF') as unknown;
	const format = typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : '';
	if (!Object.hasOwn(LABEL_FORMATS, format)) {
		throw inputError.call(
			this,
			itemIndex,
			field,
			`must be one of ${Object.keys(LABEL_FORMATS).join(', ')}, not ${JSON.stringify(value)}`,
		);
	}
	return format as LabelFormat;
}

/** The resolution an item asks for: undefined when left empty or 0; else a whole number of dpi. */
export function readLabelResolution(
	this: IExecuteFunctions,
	itemIndex: number,
	format: LabelFormat,
	{ path, field }: LabelParameter,
): number | undefined {
	const value = this.getNodeParameter(path, itemIndex, 0) as unknown;
	if (value === null || value === undefined || value === '' || value === 0) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_DPI) {
		throw inputError.call(
			this,
			itemIndex,
			field,
			`must be a whole number of dots per inch from 1 to ${MAX_DPI}, or empty, not ${JSON.stringify(value)}`,
		);
	}
	if (format === 'PNG') {
		throw inputError.call(
			this,
			itemIndex,
			field,
			'must be empty for PNG: SortedPRO serves PNG labels only by format, without a resolution',
		);
	}
	return value;
}
