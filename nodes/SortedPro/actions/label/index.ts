import type { Resource } from '../types';
import { getLabel } from './get.operation';

export const label: Resource = {
	value: 'label',
	name: 'Label',
	operations: [getLabel],
};
