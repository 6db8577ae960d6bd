import type { Resource } from '../types';
import { cancel } from './cancel.operation';
import { create } from './create.operation';
import { get } from './get.operation';
import { getStatus } from './getStatus.operation';
import { search } from './search.operation';

export const consignment: Resource = {
	value: 'consignment',
	name: 'Consignment',
	operations: [create, get, getStatus, search, cancel],
};
