import { apiPath } from '../../transport';
import { consignmentDescription } from '../common.descriptions';
import { binaryPropertyOption, readBinaryPropertyName } from '../fileOutput';
import type { PerConsignmentOperation } from '../types';
import { documentItem, getDocuments } from './documentFile';

/**
 * GET /consignments/docs/{ref}: every customs document of a consignment, one output item per
 * document; a consignment with none gives one item saying so (every input comes out once).
 */
export const getAll: PerConsignmentOperation = {
	kind: 'perConsignment',
	option: {
		name: 'Get All for Consignment',
		value: 'getAllForConsignment',
		description:
			'Get every customs document of an allocated consignment (commercial invoice, CN22 or CN23) as PDF files, one item each',
		action: 'Get all customs documents of a consignment',
	},
	description: consignmentDescription([], [binaryPropertyOption('document')]),
	async execute(itemIndex, run, reference) {
		const field = readBinaryPropertyName.call(this, itemIndex);
		const path = apiPath('consignments', 'docs', reference);
		const what = `The customs documents of consignment ${reference}`;
		const documents = await getDocuments(run, itemIndex, path, what);
		if (documents.length === 0)
			return [{ json: { ConsignmentReference: reference, DocumentCount: 0 } }];
		return await Promise.all(
			documents.map(async (document) => {
				const json = {
					ConsignmentReference: reference,
					DocumentType: document.type,
					Key: document.key,
					DocumentCount: documents.length,
				};
				const fileName = `${reference}-${document.name}.pdf`;
				return await documentItem.call(this, field, json, fileName, document);
			}),
		);
	},
};
