import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { carrierServiceLabel, getCarrierServices } from '../helpers/carrierServices';
import { connect } from '../transport';

/** Carrier services of the subscription, for the "From List" mode of Carrier Service. */
export async function searchCarrierServices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = [];
	for (const service of await getCarrierServices.call(this, await connect(this))) {
		if (typeof service.Reference !== 'string' || service.Reference === '') continue;
		const name = carrierServiceLabel(service);
		if (needle === '' || name.toLowerCase().includes(needle)) results.push({ name, value: service.Reference });
	}
	results.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
