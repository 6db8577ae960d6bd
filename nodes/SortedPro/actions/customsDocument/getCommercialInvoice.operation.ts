import { apiPath } from '../../transport';
import { consignmentDescription } from '../common.descriptions';
import { binaryPropertyOption, readBinaryPropertyName } from '../fileOutput';
import type { PerConsignmentOperation } from '../types';
import { documentItem, getDocument } from './documentFile';

/** GET /consignments/docs/commercialinvoice/{ref}: the invoice as base64, output as a PDF file. */
export const getCommercialInvoice: PerConsignmentOperation = {
	kind: 'perConsignment',
	option: {
		name: 'Get Commercial Invoice',
		value: 'getCommercialInvoice',
		description: 'Get the commercial invoice of an allocated consignment as a PDF file',
		action: 'Get the commercial invoice of a consignment',
	},
	description: consignmentDescription([], [binaryPropertyOption('document')]),
	async execute(itemIndex, run, reference) {
		const field = readBinaryPropertyName.call(this, itemIndex);
		const path = apiPath('consignments', 'docs', 'commercialinvoice', reference);
		const what = `The commercial invoice of consignment ${reference}`;
		const file = await getDocument(run, itemIndex, path, what);
		const json = { ConsignmentReference: reference, DocumentType: 'CommercialInvoice' };
		return [
			await documentItem.call(this, field, json, `${reference}-commercial-invoice.pdf`, file),
		];
	},
};
