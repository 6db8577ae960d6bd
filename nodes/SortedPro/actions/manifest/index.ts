import type { Resource } from '../types';
import { manifestConsignments } from './manifestConsignments.operation';

export const manifest: Resource = {
	value: 'manifest',
	name: 'Manifest',
	operations: [manifestConsignments],
};
