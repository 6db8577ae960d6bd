import { apiPath } from '../../transport';
import { consignmentDescription } from '../common.descriptions';
import type { PerConsignmentOperation } from '../types';
import { decodeTracking, trackingEvents } from './trackingAnswer';

const description = consignmentDescription(
	[],
	[
		{
			displayName: 'Flattened',
			name: 'flattened',
			type: 'boolean',
			default: false,
			description:
				"Whether to ask for SortedPRO's flattened tracking: each package's events in one list, each naming its carrier service, instead of per leg",
		},
		{
			displayName: 'One Item per Event',
			name: 'oneItemPerEvent',
			type: 'boolean',
			default: false,
			description:
				'Whether to output one item per tracking event (with its consignment, package and carrier service) instead of one item per consignment. A consignment without events then outputs nothing.',
		},
	],
);

export const getTracking: PerConsignmentOperation = {
	kind: 'perConsignment',
	option: {
		name: 'Get',
		value: 'get',
		description: 'Get the tracking events of a consignment',
		action: 'Get the tracking of a consignment',
	},
	description,
	async execute(itemIndex, run, reference) {
		const flattened = this.getNodeParameter('options.flattened', itemIndex, false) === true;
		const oneItemPerEvent =
			this.getNodeParameter('options.oneItemPerEvent', itemIndex, false) === true;
		const path = flattened
			? apiPath('tracking', 'flattened', reference)
			: apiPath('tracking', reference);
		const tracking = await run.api.get(
			path,
			async (body, contentType) => await decodeTracking(body, contentType, flattened),
			itemIndex,
			(error) => `The tracking of consignment ${reference} could not be read: ${error.message}`,
		);
		if (oneItemPerEvent) return trackingEvents(reference, tracking).map((json) => ({ json }));
		return [{ json: { ConsignmentReference: reference, ...tracking } }];
	},
};
