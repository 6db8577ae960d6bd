import type { Resource } from '../types';
import { getQuotesForConsignment } from './getForConsignment.operation';

export const quote: Resource = {
	value: 'quote',
	name: 'Quote',
	operations: [getQuotesForConsignment],
};
