import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { getBaseUrl, sortedProRequest } from '../transport';
import { decodeCarrierServices } from '../transport/codec';

/** Carrier services of the subscription, for the "From List" mode of Carrier Service. */
export async function searchCarrierServices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await sortedProRequest.call(this, {
		method: 'GET',
		baseUrl: await getBaseUrl(this),
		path: '/carrierservices',
		format: 'json',
	});
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = [];
	for (const service of await decodeCarrierServices(response.body, response.contentType)) {
		if (typeof service.Reference !== 'string' || service.Reference === '') continue;
		const label = service.Name ?? service.CarrierServiceName;
		const name = typeof label === 'string' && label !== '' ? `${label} (${service.Reference})` : service.Reference;
		if (needle === '' || name.toLowerCase().includes(needle)) results.push({ name, value: service.Reference });
	}
	results.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
