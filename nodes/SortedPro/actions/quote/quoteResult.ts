import type { IDataObject } from 'n8n-workflow';

import { decodeAnswer, type ListField, type Schema } from '../../transport/codec';

const PRICE: Schema = {
	Net: 'number',
	Gross: 'number',
	TaxRate: 'number',
	VatAmount: 'number',
	Currency: 'string',
};
// SortedPRO's Quote; QuoteReference is the GUID that Allocate With Quote takes.
const QUOTE: Schema = {
	QuoteReference: 'string',
	MpdCarrierServiceReference: 'string',
	CarrierReference: 'string',
	CollectionDate: 'string',
	EarliestDeliveryDate: 'string',
	LatestDeliveryDate: 'string',
	Price: PRICE,
	ExpiryDate: 'string',
};
const QUOTE_LIST: ListField = { list: QUOTE, item: 'Quote' };
const QUOTE_RESULT: Schema = {
	QuoteRequestReference: 'string',
	Quotes: QUOTE_LIST,
	Message: 'string',
};

export interface Quotes {
	quotes: IDataObject[];
	/** QuoteResult's QuoteRequestReference, when the answer is one */
	requestReference: string | null;
	message: string | null;
}

/** A QuoteResult (JSON, XML `QuoteResult`), or a bare list of quotes (JSON array, XML `ArrayOfQuote`). */
export async function decodeQuotes(body: string, contentType: string | undefined): Promise<Quotes> {
	const { value } = await decodeAnswer(body, contentType, {
		object: QUOTE_RESULT,
		list: QUOTE_LIST,
		xmlRoots: { QuoteResult: QUOTE_RESULT },
	});
	if (Array.isArray(value))
		return { quotes: value as IDataObject[], requestReference: null, message: null };
	const result = value as IDataObject;
	if (result.Quotes !== null && !Array.isArray(result.Quotes))
		throw new Error('expected Quotes to be a list');
	return {
		quotes: ((result.Quotes as IDataObject[] | null) ?? []).filter(
			(quote) => quote !== null && typeof quote === 'object',
		),
		requestReference:
			typeof result.QuoteRequestReference === 'string' ? result.QuoteRequestReference : null,
		message:
			typeof result.Message === 'string' && result.Message.trim() !== ''
				? result.Message.trim()
				: null,
	};
}

function grossOf(quote: IDataObject): number {
	const price = quote.Price as IDataObject | null | undefined;
	const gross = price && typeof price === 'object' ? price.Gross : undefined;
	return typeof gross === 'number' && Number.isFinite(gross) ? gross : Number.POSITIVE_INFINITY;
}

/** Cheapest first by Price.Gross; quotes without a price last; equal prices keep SortedPRO's order. */
export function cheapestFirst(quotes: IDataObject[]): IDataObject[] {
	return quotes
		.map((quote, index) => ({ quote, index, gross: grossOf(quote) }))
		.sort((a, b) => a.gross - b.gross || a.index - b.index)
		.map((entry) => entry.quote);
}
