import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readPathReference } from '../../helpers/pathReferences';
import { apiPath, sortedProRequest } from '../../transport';
import { consignmentReferenceField, optionsCollection } from '../common.descriptions';
import type { PerItemOperation, RunContext } from '../types';
import { decodeTracking, trackingEvents } from './trackingAnswer';

const show = { show: { resource: ['tracking'], operation: ['get'] } };

const description: INodeProperties[] = [
	consignmentReferenceField(show),
	optionsCollection(show, [
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
	]),
];

export const getTracking: PerItemOperation = {
	kind: 'perItem',
	option: {
		name: 'Get',
		value: 'get',
		description: 'Get the tracking events of a consignment',
		action: 'Get the tracking of a consignment',
	},
	description,
	async execute(this: IExecuteFunctions, itemIndex: number, run: RunContext) {
		const reference = readPathReference.call(
			this,
			itemIndex,
			'consignmentReference',
			'Consignment Reference',
		);
		const flattened = this.getNodeParameter('options.flattened', itemIndex, false) === true;
		const oneItemPerEvent =
			this.getNodeParameter('options.oneItemPerEvent', itemIndex, false) === true;
		const path = flattened
			? apiPath('tracking', 'flattened', reference)
			: apiPath('tracking', reference);
		const response = await sortedProRequest.call(
			this,
			{
				method: 'GET',
				connection: run.connection,
				path,
				format: run.options.format,
				itemIndex,
				limit: run.limit,
			},
			run.options.policy,
		);
		let tracking;
		try {
			tracking = await decodeTracking(response.body, response.contentType, flattened);
		} catch (error) {
			throw new NodeOperationError(
				this.getNode(),
				`The tracking of consignment ${reference} could not be read: ${(error as Error).message}`,
				{
					itemIndex,
					description: `GET ${path} answered HTTP ${response.statusCode}, Content-Type ${response.contentType ?? 'none'}.`,
				},
			);
		}
		if (oneItemPerEvent) return trackingEvents(reference, tracking).map((json) => ({ json }));
		return [{ json: { ConsignmentReference: reference, ...tracking } }];
	},
};
