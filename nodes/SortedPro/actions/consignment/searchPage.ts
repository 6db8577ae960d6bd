import type { IDataObject } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { decodeAnswer } from '../../transport/codec';
import type { RunContext } from '../run';
import { SEARCH_RESULT } from './schemas';

/** One page of summaries: GET /consignments/{take}/{skip} with the filters. */
export async function readPage(
	run: RunContext,
	itemIndex: number,
	page: { take: number; skip: number; query: IDataObject },
): Promise<IDataObject[]> {
	const read = async (body: string, contentType: string | undefined) => {
		const { value } = await decodeAnswer(body, contentType, {
			object: SEARCH_RESULT,
			xmlRoots: {
				ConsignmentSearchResult: SEARCH_RESULT,
				SearchConsignmentsResponse: SEARCH_RESULT,
			},
		});
		const list = (value as IDataObject).ConsignmentSummaries;
		return Array.isArray(list) ? (list as IDataObject[]) : [];
	};
	const path = apiPath('consignments', String(page.take), String(page.skip));
	return (await run.api.read({ method: 'GET', path, query: page.query }, read, itemIndex)).value;
}
