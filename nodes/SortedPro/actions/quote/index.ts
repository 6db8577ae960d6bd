import type { Resource } from '../types';
import { getQuotesForConsignment } from './getForConsignment.operation';
import { getQuotesForOrder } from './getForOrder.operation';

export const quote: Resource = {
	value: 'quote',
	name: 'Quote',
	operations: [getQuotesForConsignment, getQuotesForOrder],
};
