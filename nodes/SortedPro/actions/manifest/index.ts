import type { Resource } from '../types';
import { manifestConsignments } from './manifestConsignments.operation';
import { manifestFromQuery } from './manifestFromQuery.operation';
import { setNotReadyToShip, setReadyToShip } from './readyToShip.operation';

export const manifest: Resource = {
	value: 'manifest',
	name: 'Manifest',
	operations: [manifestConsignments, manifestFromQuery, setReadyToShip, setNotReadyToShip],
};
