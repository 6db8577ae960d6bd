import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readPathReference } from '../../helpers/pathReferences';
import { apiPath, sortedProRequest } from '../../transport';
import { decodeAnswer, type Schema } from '../../transport/codec';
import { consignmentReferenceField, optionsCollection } from '../common.descriptions';
import type { PerItemOperation, RunContext } from '../types';
import { CONSIGNMENT } from './schemas';

/** One GET of a consignment path for an item; the answer decoded as one object. */
export async function getConsignmentObject(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	segments: string[],
	schema: Schema,
	xmlRoot: string,
): Promise<IDataObject> {
	const response = await sortedProRequest.call(
		this,
		{
			method: 'GET',
			connection: run.connection,
			path: apiPath(...segments),
			format: run.options.format,
			itemIndex,
			limit: run.limit,
		},
		run.options.policy,
	);
	try {
		const { value } = await decodeAnswer(response.body, response.contentType, {
			object: schema,
			xmlRoots: { [xmlRoot]: schema },
		});
		if (value === null || typeof value !== 'object' || Array.isArray(value))
			throw new Error('expected an object');
		return value as IDataObject;
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			`SortedPRO's answer could not be read: ${(error as Error).message}`,
			{
				itemIndex,
				description: `HTTP ${response.statusCode}, Content-Type ${response.contentType ?? 'none'}`,
			},
		);
	}
}

const show = { show: { resource: ['consignment'], operation: ['get'] } };

export const get: PerItemOperation = {
	kind: 'perItem',
	option: {
		name: 'Get',
		value: 'get',
		description: 'Get a consignment’s details',
		action: 'Get a consignment',
	},
	description: [consignmentReferenceField(show), optionsCollection(show)],
	async execute(this: IExecuteFunctions, itemIndex: number, run: RunContext) {
		const reference = readPathReference.call(
			this,
			itemIndex,
			'consignmentReference',
			'Consignment Reference',
		);
		return [
			{
				json: await getConsignmentObject.call(
					this,
					itemIndex,
					run,
					['consignments', reference],
					CONSIGNMENT,
					'Consignment',
				),
			},
		];
	},
};
