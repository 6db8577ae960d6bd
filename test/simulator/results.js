'use strict';
/**
 * SortedPRO's `WithMessage<string>` results, the answer of its list calls (deallocatelist,
 * cancellist, manifest, setreadytoship): `[{ IsSuccess, Message, Data: reference, ApiLinks }]`.
 */
const { ApiError } = require('./errors');
const { listAnswer } = require('./http-answers');
const { toXmlDocument } = require('./xml');

/**
 * @param {string} base link base URL @param {string} ref @param {boolean} ok @param {string} message
 * @returns {{ IsSuccess: boolean, Message: string, Data: string, ApiLinks: { Rel: string, Href: string }[] | null }}
 */
function withMessage(base, ref, ok, message) {
	return {
		IsSuccess: ok,
		Message: message,
		Data: ref,
		ApiLinks: ok
			? [{ Rel: 'Link', Href: `${base}/consignments/${encodeURIComponent(ref)}` }]
			: null,
	};
}

/** XML root and entry names follow .NET's serializer for List<WithMessage<string>> (guessed: no source shows it). @param {object[]} list */
const withMessagesToXml = (list) =>
	toXmlDocument('ArrayOfWithMessageOfString', 'WithMessageOfString', list);

/**
 * The answer of a list call: one result per consignment; `successMessage` words the success
 * results the 'extra' and 'duplicate' faults add. @param {any} ctx @param {object[]} results
 * @param {boolean} xml @param {(ref: string) => string} successMessage
 */
function withMessageAnswer(ctx, results, xml, successMessage) {
	const extra = (/** @type {string} */ ref) =>
		withMessage(ctx.options.linkBaseUrl, ref, true, successMessage(ref));
	/** @param {ReturnType<typeof withMessage>} result */
	const opposite = (result) =>
		result.IsSuccess
			? withMessage(
					ctx.options.linkBaseUrl,
					result.Data,
					false,
					`Consignment ${result.Data} could not be processed`,
				)
			: extra(result.Data);
	return listAnswer(results, xml, withMessagesToXml, { extra, opposite });
}

/**
 * A list call that honours option unknownReference: one WithMessage result per reference, in
 * request order. `act` changes a known consignment and returns undefined, or returns why it
 * cannot (a failure result). Unknown: 'reject' → 404 for the first, 'omit' → no result, else
 * "Consignment X not found". @param {any} ctx @param {string[]} refs @param {boolean} xml
 * @param {(c: any, ref: string) => string | undefined} act @param {string} done success Message
 */
function withMessageList(ctx, refs, xml, act, done) {
	const { store, options, counters } = ctx;
	if (options.unknownReference === 'reject') {
		const unknown = refs.find((r) => !store.exists(r));
		if (unknown !== undefined) throw new ApiError(404, 'ItemNotFound', `Item ${unknown} not found`);
	}
	const base = options.linkBaseUrl;
	const results = [];
	for (const ref of refs) {
		const c = store.lookup(ref);
		if (!c) {
			counters.consignmentsNotFound++;
			if (options.unknownReference !== 'omit')
				results.push(withMessage(base, ref, false, `Consignment ${ref} not found`));
			continue;
		}
		const problem = act(c, ref);
		if (problem !== undefined) counters.consignmentsInWrongState++;
		results.push(withMessage(base, ref, problem === undefined, problem ?? done));
	}
	return withMessageAnswer(ctx, results, xml, () => done);
}

module.exports = { withMessage, withMessagesToXml, withMessageAnswer, withMessageList };
