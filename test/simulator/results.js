'use strict';
/**
 * SortedPRO's `WithMessage<string>` results, the answer of its list calls (deallocatelist,
 * cancellist, manifest, setreadytoship): `[{ IsSuccess, Message, Data: reference, ApiLinks }]`.
 */
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
 * The answer of a list call: one result per consignment; `successMessage` words the result the
 * 'extra' fault adds. @param {any} ctx @param {object[]} results @param {boolean} xml
 * @param {(ref: string) => string} successMessage
 */
function withMessageAnswer(ctx, results, xml, successMessage) {
	const extra = (/** @type {string} */ ref) =>
		withMessage(ctx.options.linkBaseUrl, ref, true, successMessage(ref));
	return listAnswer(results, xml, withMessagesToXml, extra);
}

module.exports = { withMessage, withMessagesToXml, withMessageAnswer };
