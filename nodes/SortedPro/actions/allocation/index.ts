import type { Resource } from '../types';
import { allocateUsingDefaultRules } from './allocateUsingDefaultRules.operation';
import { allocateWithCarrierService } from './allocateWithCarrierService.operation';
import { allocateWithCheapestQuote } from './allocateWithCheapestQuote.operation';
import { allocateWithQuote } from './allocateWithQuote.operation';
import { allocateWithServiceFilters } from './allocateWithServiceFilters.operation';
import { allocateWithServiceGroup } from './allocateWithServiceGroup.operation';
import { deallocate } from './deallocate.operation';

export const allocation: Resource = {
	value: 'allocation',
	name: 'Allocation',
	operations: [
		allocateWithCarrierService,
		allocateUsingDefaultRules,
		allocateWithServiceGroup,
		allocateWithServiceFilters,
		allocateWithCheapestQuote,
		allocateWithQuote,
		deallocate,
	],
};
