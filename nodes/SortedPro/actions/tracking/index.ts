import type { Resource } from '../types';
import { getTracking } from './get.operation';

export const tracking: Resource = {
	value: 'tracking',
	name: 'Tracking',
	operations: [getTracking],
};
