import type { IDataObject } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { readObject } from '../answers';
import { consignmentDescription } from '../common.descriptions';
import type { RunContext } from '../run';
import type { PerConsignmentOperation } from '../types';
import { CONSIGNMENT, CONSIGNMENT_STATUS } from './schemas';

const PARTS = {
	detail: { segments: [], read: readObject(CONSIGNMENT, 'Consignment') },
	status: {
		segments: ['status'],
		read: readObject(CONSIGNMENT_STATUS, 'ConsignmentStatusResponse'),
	},
};

/** GET /consignments/{reference} (the consignment) or …/status (its state) for an item. */
export async function getConsignment(
	run: RunContext,
	itemIndex: number,
	reference: string,
	part: keyof typeof PARTS = 'detail',
): Promise<IDataObject> {
	const { segments, read } = PARTS[part];
	return await run.api.get(
		apiPath('consignments', reference, ...segments),
		read,
		itemIndex,
		(error) =>
			`SortedPRO's answer for consignment ${reference} could not be read: ${error.message}`,
	);
}

export const get: PerConsignmentOperation = {
	kind: 'perConsignment',
	option: {
		name: 'Get',
		value: 'get',
		description: 'Get a consignment’s details',
		action: 'Get a consignment',
	},
	description: consignmentDescription(),
	async execute(itemIndex, run, reference) {
		return [{ json: await getConsignment(run, itemIndex, reference) }];
	},
};
