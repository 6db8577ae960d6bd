import type { Resource } from '../types';
import { addPackage } from './addPackage.operation';
import { cancel } from './cancel.operation';
import { create } from './create.operation';
import { get } from './get.operation';
import { getStatus } from './getStatus.operation';
import { removePackage } from './removePackage.operation';
import { search } from './search.operation';
import { update } from './update.operation';

export const consignment: Resource = {
	value: 'consignment',
	name: 'Consignment',
	operations: [create, get, getStatus, search, update, addPackage, removePackage, cancel],
};
