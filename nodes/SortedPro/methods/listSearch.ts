import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { carrierServiceLabel, getCarrierServices } from '../actions/allocation/carrierServices';
import { SortedProClient } from '../transport';

/**
 * Carrier services of the subscription, for the "From List" mode of Carrier Service: shown as
 * `Name (Reference)`, searchable by either; enabled ones first, disabled ones last and marked.
 */
export async function searchCarrierServices(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	const services = await getCarrierServices.call(this, await SortedProClient.open(this));
	const matching = services.filter(
		(service) => needle === '' || carrierServiceLabel(service).toLowerCase().includes(needle),
	);
	matching.sort(
		(a, b) =>
			Number(a.disabled) - Number(b.disabled) ||
			carrierServiceLabel(a).localeCompare(carrierServiceLabel(b)),
	);
	return {
		results: matching.map((service) => ({
			name: carrierServiceLabel(service),
			value: service.reference,
		})),
	};
}
