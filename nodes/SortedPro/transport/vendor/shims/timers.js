'use strict';
// Stands in for Node's `timers` module inside the xml2js bundle. xml2js takes
// `setImmediate` from it only for its `async` option (parsing in chunks between event-loop
// turns). The codec parses synchronously and n8n's scanner refuses timers in community
// nodes, so asking the bundle for async parsing fails with this error instead.

function setImmediate() {
	throw new Error(
		'xml2js option "async" is not available in this bundle: parse without it (synchronously)',
	);
}

module.exports = { setImmediate };
