import { getManyOperation } from './getMany';
import { carrierServices } from './referenceLists';

/** GET /carrierservices, read as the Carrier Service picker reads it; Name trimmed. */
export const getCarrierServices = getManyOperation({
	option: {
		name: 'Get Many Carrier Services',
		value: 'getCarrierServices',
		description:
			'Get the MPD carrier services of the subscription (Reference is what to allocate with)',
		action: 'Get many carrier services',
	},
	list: () => carrierServices,
	output({ json, name }) {
		const { CarrierServiceName, ...rest } = json;
		// CarrierServiceName is read in place of a missing Name; it is kept only when SortedPRO sent it.
		return {
			...rest,
			Name: name,
			...(CarrierServiceName !== null &&
				CarrierServiceName !== undefined && { CarrierServiceName }),
		};
	},
});
