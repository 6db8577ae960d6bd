import type { IDataObject } from 'n8n-workflow';

import type { ReadAnswer } from '../transport';
import { decodeAnswer, type ListField, type Schema } from '../transport/codec';

/**
 * The answer shapes SortedPRO's calls share, and their readers. `ApiLink` `{Rel, Href}`, as its answers hold them (one, or a list `ApiLinks`),
 * and the lists of strings its answers hold (Tags, TrackingReferences).
 */
export const API_LINK: Schema = { Rel: 'string', Href: 'string' };
export const API_LINKS: ListField = { list: API_LINK, item: 'ApiLink' };
export const STRING_LIST: ListField = { list: 'string', item: 'string' };

/** The last path segment of a link, decoded: SortedPRO's links end with the consignment reference. */
export function lastPathSegment(href: string): string | undefined {
	let path = href;
	const query = path.search(/[?#]/);
	if (query !== -1) path = path.slice(0, query);
	while (path.endsWith('/')) path = path.slice(0, -1);
	const segment = path.slice(path.lastIndexOf('/') + 1);
	if (!segment.includes('%')) return segment || undefined;
	try {
		return decodeURIComponent(segment) || undefined;
	} catch {
		return segment;
	}
}

/** Reads an answer that is one object of `schema` (in XML, the root `xmlRoot`). */
export const readObject =
	(schema: Schema, xmlRoot: string): ReadAnswer<IDataObject> =>
	async (body, contentType) => {
		const { value } = await decodeAnswer(body, contentType, {
			object: schema,
			xmlRoots: { [xmlRoot]: schema },
		});
		if (value === null || typeof value !== 'object' || Array.isArray(value))
			throw new Error('expected an object');
		return value as IDataObject;
	};
