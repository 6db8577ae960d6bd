import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../helpers/inputErrors';
import { readPathReference } from '../../helpers/pathReferences';
import { apiPath } from '../../transport';
import { choiceField, consignmentDescription, packageReferenceField } from '../common.descriptions';
import { binaryPropertyOption, readBinaryPropertyName } from '../fileOutput';
import type { PerConsignmentOperation } from '../types';
import { documentItem, getDocument } from './documentFile';

const TYPES = ['CN22', 'CN23'];

/** The Document Type of an item; from an expression also `cn23`. */
function readType(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('documentType', itemIndex, 'CN22') as unknown;
	const type = typeof value === 'string' ? value.trim().toUpperCase() : '';
	if (!TYPES.includes(type))
		throw inputError.call(
			this,
			itemIndex,
			'Document Type',
			`must be CN22 or CN23, not ${JSON.stringify(value)}`,
		);
	return type;
}

/** GET /consignments/docs/{CN22|CN23}/{ref}/{packageRef}: one package's customs declaration as a PDF file. */
export const getDeclaration: PerConsignmentOperation = {
	kind: 'perConsignment',
	option: {
		name: 'Get CN22 or CN23',
		value: 'getDeclaration',
		description: 'Get the CN22 or CN23 customs declaration of one package as a PDF file',
		action: 'Get the CN22 or CN23 of a package',
	},
	description: consignmentDescription(
		[
			choiceField(
				'Document Type',
				'documentType',
				'CN22',
				[
					['CN22', 'CN22'],
					['CN23', 'CN23'],
				],
				{
					description:
						'CN22 for contents worth up to £270, CN23 above: SortedPRO generates the one the package needs',
				},
			),
			packageReferenceField('The package of the consignment'),
		],
		[binaryPropertyOption('document')],
	),
	async execute(itemIndex, run, reference) {
		const type = readType.call(this, itemIndex);
		const pkg = readPathReference.call(this, itemIndex, 'packageReference', 'Package Reference');
		const field = readBinaryPropertyName.call(this, itemIndex);
		const path = apiPath('consignments', 'docs', type, reference, pkg);
		const what = `The ${type} of package ${pkg} of consignment ${reference}`;
		const file = await getDocument(run, itemIndex, path, what);
		const json = { ConsignmentReference: reference, PackageReference: pkg, DocumentType: type };
		const fileName = `${reference}-${type.toLowerCase()}-${pkg}.pdf`;
		return [await documentItem.call(this, field, json, fileName, file)];
	},
};
