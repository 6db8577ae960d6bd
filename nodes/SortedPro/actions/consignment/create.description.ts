import type { INodeProperties } from 'n8n-workflow';

import { choiceField, directionField, optionsCollection } from '../common.descriptions';
import { pickerField } from '../referenceData/picked';

const fields = { show: { createMode: ['fields'] } };
const json = { show: { createMode: ['json'] } };

const text = (
	displayName: string,
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	displayOptions: fields,
	...extra,
});

export const packageFields: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'What the package holds, e.g. Socks',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		description: 'Value of the contents',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: 'GBP',
		description: 'ISO 4217 code of the value, e.g. GBP',
	},
	{
		displayName: 'Weight',
		name: 'weight',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'Not needed with a Package Size Reference',
	},
	choiceField('Weight Unit', 'weightUnit', 'Kg', [
		['Grams', 'G'],
		['Kilograms', 'Kg'],
		['Ounces', 'Oz'],
		['Pounds', 'Lb'],
	]),
	{
		displayName: 'Length',
		name: 'length',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
	},
	{ displayName: 'Width', name: 'width', type: 'number', default: 0, typeOptions: { minValue: 0 } },
	{
		displayName: 'Height',
		name: 'height',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
	},
	choiceField('Dimension Unit', 'dimensionUnit', 'Cm', [
		['Centimetres', 'Cm'],
		['Inches', 'In'],
		['Millimetres', 'Mm'],
	]),
	pickerField(
		{
			displayName: 'Package Size Reference',
			name: 'packageSizeReference',
			description:
				'A package size set up in SortedPRO; when given, weight and dimensions are not needed',
		},
		'searchPackageSizes',
		'e.g. SMALL_BOX',
	),
];

export const createDescription: INodeProperties[] = [
	{
		displayName: 'Define Consignment',
		name: 'createMode',
		type: 'options',
		default: 'fields',
		options: [
			{
				name: 'Using Fields Below',
				value: 'fields',
				description: 'Map the order’s fields to the consignment’s',
			},
			{
				name: 'Using JSON',
				value: 'json',
				description: 'Give the whole Create Consignment request body',
			},
		],
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{\n  "Packages": [],\n  "Addresses": []\n}',
		required: true,
		description:
			'SortedPRO’s CreateConsignmentRequest: Packages and Addresses (an Origin and a Destination) at least',
		displayOptions: json,
	},
	pickerField(
		{
			displayName: 'Origin Shipping Location Reference',
			name: 'originShippingLocationReference',
			description: 'The shipping location the consignment leaves from, as set up in SortedPRO',
			required: true,
			displayOptions: fields,
		},
		'searchShippingLocations',
		'e.g. Sorted1',
	),
	text('Recipient Name', 'recipientName', 'Full name; the last word is sent as the last name', {
		required: true,
	}),
	text('Recipient Company', 'recipientCompany', 'Company name of the recipient'),
	text('Recipient Email', 'recipientEmail', 'Email address of the recipient', {
		placeholder: 'name@email.com',
	}),
	text('Recipient Phone', 'recipientPhone', 'Telephone number of the recipient'),
	text('Address Line 1', 'addressLine1', 'First line of the destination address', {
		required: true,
	}),
	text('Address Line 2', 'addressLine2', 'Second line of the destination address'),
	text('Address Line 3', 'addressLine3', 'Third line of the destination address'),
	text('Town', 'town', 'Town or city of the destination address'),
	text('Region', 'region', 'County, state or region of the destination address'),
	text('Postcode', 'postcode', 'Postcode or ZIP code of the destination address'),
	text(
		'Country Code',
		'countryCode',
		'ISO 3166 two-letter code of the destination country, e.g. GB',
		{ required: true, placeholder: 'e.g. GB' },
	),
	{
		displayName: 'Packages',
		name: 'packages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Package',
		description: 'At least one package: weight and dimensions, or a package size reference',
		options: [{ displayName: 'Package', name: 'package', values: packageFields }],
		displayOptions: fields,
	},
	text(
		'Shipping Date',
		'shippingDate',
		'When the consignment will be shipped (ISO 8601 date or date and time)',
		{ type: 'dateTime' },
	),
	text(
		'Customer Reference',
		'customerReference',
		'Your own reference for the consignment, e.g. the order number (ConsignmentReferenceProvidedByCustomer)',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: fields,
		options: [
			pickerField(
				{
					displayName: 'Destination Shipping Location Reference',
					name: 'destinationShippingLocationReference',
					description: 'When the destination is a shipping location set up in SortedPRO',
				},
				'searchShippingLocations',
				'e.g. Sorted1',
			),
			directionField,
			{
				displayName: 'Extra Body Fields (JSON)',
				name: 'extraBody',
				type: 'json',
				default: '{}',
				description:
					'Further fields of the Create Consignment request (e.g. CustomsDocumentation, MetaData), merged into the body; they take precedence',
			},
			{ displayName: 'Recipient Mobile', name: 'recipientMobile', type: 'string', default: '' },
			{
				displayName: 'Recipient Title',
				name: 'recipientTitle',
				type: 'string',
				default: '',
				placeholder: 'e.g. Mr',
			},
			{
				displayName: 'Special Instructions',
				name: 'specialInstructions',
				type: 'string',
				default: '',
				description: 'Delivery instructions for the destination address',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				description: 'Tags for the consignment, separated by commas',
			},
		],
	},
	optionsCollection(),
];
