import { getManyOperation } from './getMany';
import { serviceGroups } from './referenceLists';

/** GET /servicegroups: SortedPRO's MPD carrier service groups. */
export const getServiceGroups = getManyOperation({
	option: {
		name: 'Get Many Service Groups',
		value: 'getServiceGroups',
		description:
			'Get the carrier service groups of the subscription (for Allocate With Service Group)',
		action: 'Get many service groups',
	},
	list: () => serviceGroups,
});
