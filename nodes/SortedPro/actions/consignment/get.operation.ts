import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getAndRead, readObject } from '../../helpers/getAndRead';
import { apiPath } from '../../transport';
import { consignmentDescription } from '../common.descriptions';
import { consignmentOperation } from '../consignmentOperation';
import type { RunContext } from '../types';
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
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	reference: string,
	part: keyof typeof PARTS = 'detail',
): Promise<IDataObject> {
	const { segments, read } = PARTS[part];
	return await getAndRead(
		this,
		itemIndex,
		run,
		apiPath('consignments', reference, ...segments),
		read,
		(error) =>
			`SortedPRO's answer for consignment ${reference} could not be read: ${error.message}`,
	);
}

export const get = consignmentOperation(
	{
		name: 'Get',
		value: 'get',
		description: 'Get a consignment’s details',
		action: 'Get a consignment',
	},
	consignmentDescription(),
	async function (itemIndex, run, reference) {
		return [{ json: await getConsignment.call(this, itemIndex, run, reference) }];
	},
);
