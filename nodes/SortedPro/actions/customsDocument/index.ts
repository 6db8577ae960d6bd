import type { Resource } from '../types';
import { getAll } from './getAll.operation';
import { getCommercialInvoice } from './getCommercialInvoice.operation';
import { getDeclaration } from './getDeclaration.operation';

export const customsDocument: Resource = {
	value: 'customsDocument',
	name: 'Customs Document',
	operations: [getCommercialInvoice, getDeclaration, getAll],
};
