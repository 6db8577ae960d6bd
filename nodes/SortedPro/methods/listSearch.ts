import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { carrierServiceLabel, getCarrierServices } from '../actions/allocation/carrierServices';
import {
	carriers,
	entryLabel,
	getReferenceList,
	packageSizes,
	serviceGroups,
	shippingLocations,
	type ReferenceEntry,
	type ReferenceList,
} from '../actions/referenceData/referenceLists';
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

/**
 * A list of the subscription for a From List mode: `Name (Reference)`, searchable by either;
 * the default one first, disabled ones last, each marked.
 */
async function searchList(
	ctx: ILoadOptionsFunctions,
	list: ReferenceList,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() ?? '';
	const entries = await getReferenceList.call(ctx, await SortedProClient.open(ctx), list);
	const rank = (entry: ReferenceEntry) => (entry.isDefault ? 0 : entry.disabled ? 2 : 1);
	const matching = entries.filter(
		(entry) => needle === '' || entryLabel(entry).toLowerCase().includes(needle),
	);
	matching.sort((a, b) => rank(a) - rank(b) || entryLabel(a).localeCompare(entryLabel(b)));
	return {
		results: matching.map((entry) => ({ name: entryLabel(entry), value: entry.reference })),
	};
}

export async function searchShippingLocations(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, shippingLocations(), filter);
}

export async function searchPackageSizes(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, packageSizes, filter);
}

export async function searchServiceGroups(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, serviceGroups, filter);
}

export async function searchCarriers(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, carriers, filter);
}
