import type { Resource } from '../types';
import { getCarrierServices } from './getCarrierServices.operation';
import { getCarriers } from './getCarriers.operation';
import { getPackageSizes } from './getPackageSizes.operation';
import { getServiceGroups } from './getServiceGroups.operation';
import { getShippingLocations } from './getShippingLocations.operation';

export const referenceData: Resource = {
	value: 'referenceData',
	name: 'Reference Data',
	operations: [
		getShippingLocations,
		getPackageSizes,
		getServiceGroups,
		getCarriers,
		getCarrierServices,
	],
};
