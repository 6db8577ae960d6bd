import { getManyOperation } from './getMany';
import { shippingLocations } from './referenceLists';

/** GET /shippinglocations, or GET /shippinglocations/assigned (SortedPRO's SDK: the user's own). */
export const getShippingLocations = getManyOperation({
	option: {
		name: 'Get Many Shipping Locations',
		value: 'getShippingLocations',
		description: 'Get the shipping locations of the subscription (their references for Create)',
		action: 'Get many shipping locations',
	},
	own: [
		{
			displayName: 'Assigned to Me Only',
			name: 'assignedOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to list only the shipping locations the API key’s user is linked to, rather than all of the company’s',
		},
	],
	list(itemIndex) {
		return shippingLocations(this.getNodeParameter('assignedOnly', itemIndex, false) === true);
	},
});
