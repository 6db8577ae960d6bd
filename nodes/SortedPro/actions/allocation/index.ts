import type { Resource } from '../types';
import { allocateWithCarrierService } from './allocateWithCarrierService.operation';

export const allocation: Resource = {
	value: 'allocation',
	name: 'Allocation',
	operations: [allocateWithCarrierService],
};
