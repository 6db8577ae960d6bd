import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getAndRead, readObject } from '../../helpers/getAndRead';
import { apiPath } from '../../transport';
import { consignmentDescription } from '../common.descriptions';
import { consignmentOperation } from '../consignmentOperation';
import type { RunContext } from '../types';
import { CONSIGNMENT } from './schemas';

/** GET /consignments/{reference} for an item: the consignment. */
export async function getConsignment(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	reference: string,
): Promise<IDataObject> {
	return await getAndRead(
		this,
		itemIndex,
		run,
		apiPath('consignments', reference),
		readObject(CONSIGNMENT, 'Consignment'),
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
