import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiPath, sortedProRequest } from '../../transport';
import { decodeAnswer } from '../../transport/codec';
import type { RunContext } from '../types';
import { SEARCH_RESULT } from './schemas';

/** One page of summaries: GET /consignments/{take}/{skip} with the filters. */
export async function readPage(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	page: { take: number; skip: number; query: IDataObject },
): Promise<IDataObject[]> {
	const response = await sortedProRequest.call(
		this,
		{
			method: 'GET',
			connection: run.connection,
			path: apiPath('consignments', String(page.take), String(page.skip)),
			query: page.query,
			format: run.options.format,
			itemIndex,
			limit: run.limit,
		},
		run.options.policy,
	);
	try {
		const { value } = await decodeAnswer(response.body, response.contentType, {
			object: SEARCH_RESULT,
			xmlRoots: {
				ConsignmentSearchResult: SEARCH_RESULT,
				SearchConsignmentsResponse: SEARCH_RESULT,
			},
		});
		const list = (value as IDataObject).ConsignmentSummaries;
		return Array.isArray(list) ? (list as IDataObject[]) : [];
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			`SortedPRO's answer could not be read: ${(error as Error).message}`,
			{
				itemIndex,
				description: `HTTP ${response.statusCode}, Content-Type ${response.contentType ?? 'none'}, page from ${page.skip}`,
			},
		);
	}
}
