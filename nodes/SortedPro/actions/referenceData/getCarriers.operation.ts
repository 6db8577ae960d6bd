import { getManyOperation } from './getMany';
import { carriers } from './referenceLists';

/** GET /carriers: the distinct carriers of the subscription's carrier services, `{Reference, Name}`. */
export const getCarriers = getManyOperation({
	option: {
		name: 'Get Many Carriers',
		value: 'getCarriers',
		description: 'Get the carriers of the subscription (their references for Manifest by Query)',
		action: 'Get many carriers',
	},
	list: () => carriers,
});
