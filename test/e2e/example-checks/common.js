'use strict';
/**
 * Helpers shared by the per-example checks: pairedItem indexes, the simulator's recorded
 * requests, and the headers every SortedPRO request must carry.
 */
const assert = require('node:assert/strict');
const { getNodeItems } = require('../n8n-cli');

/** pairedItem ({ item } | number | [...]) -> [item indexes]. */
function pairedIndexes(pairedItem) {
	const list = Array.isArray(pairedItem) ? pairedItem : [pairedItem];
	return list.map((p) => (typeof p === 'number' ? p : p && p.item));
}

/** Whole items (json, binary, pairedItem) of one output of a node. */
const full = (execution, node, output = 0) => getNodeItems(execution, node, { full: true, output });

/** pairedItem indexes of each item. */
const pairs = (items) => items.map((it) => pairedIndexes(it.pairedItem));

/** "METHOD path" of every recorded request, for assertion messages. */
function requestList(sim) {
	return sim.requests.map((r) => `${r.method} ${r.path}`).join(', ');
}

/** The recorded requests with this method and path (path compared case-insensitively). */
function requestsTo(sim, method, path) {
	return sim.requests.filter(
		(r) => r.method === method && r.path.toLowerCase() === path.toLowerCase(),
	);
}

/** The request carried the API key and `electio-api-version: 1.1`. */
function assertKeyHeaders(request, apiKey) {
	assert.equal(
		request.headers['ocp-apim-subscription-key'],
		apiKey,
		`ocp-apim-subscription-key header of ${request.method} ${request.path}`,
	);
	assert.equal(
		request.headers['electio-api-version'],
		'1.1',
		`electio-api-version header of ${request.method} ${request.path}`,
	);
}

/** Exactly `count` requests to METHOD path, each with the key headers and `status`; returns them. */
function requestsWithKey(sim, apiKey, method, path, { count = 1, status = 200 } = {}) {
	const found = requestsTo(sim, method, path);
	assert.equal(found.length, count, `${method} ${path} count; requests: ${requestList(sim)}`);
	for (const r of found) {
		assertKeyHeaders(r, apiKey);
		assert.equal(r.status, status, `simulator answered ${r.method} ${r.path} with ${status}`);
	}
	return found;
}

/** Exactly one request to METHOD path with the key headers, answered 200; returns it. */
function onePutWithKey(sim, apiKey, path) {
	return requestsWithKey(sim, apiKey, 'PUT', path)[0];
}

function jsonBody(request) {
	assert.match(String(request.contentType), /^application\/json/, 'JSON content type');
	return JSON.parse(request.body);
}

/** Every one of `refs` is in `state` in the simulator now. */
function assertStates(sim, refs, state) {
	for (const ref of refs) assert.equal(sim.consignment(ref).state, state, ref);
}

/** Node `node`'s items are `refs`, allocated to `service`, paired as assertAllocated says. */
function assertNodeAllocated(execution, node, refs, service, paired) {
	const items = full(execution, node);
	assert.equal(items.length, refs.length, 'item count');
	assertAllocated(items, refs, service, paired);
}

/**
 * The node's items: `refs` in order, each StatusCode 200 with `service` (one per item, or one
 * for all), paired to `paired[i]` (default: item i).
 */
function assertAllocated(items, refs, service, paired) {
	assert.deepEqual(
		items.map((it) => it.json.ConsignmentReference),
		refs,
		'ConsignmentReference of the items',
	);
	items.forEach((it, i) => {
		const want = Array.isArray(service) ? service[i] : service;
		assert.equal(it.json.StatusCode, 200, `item ${i} StatusCode`);
		assert.equal(it.json.CarrierServiceReference, want, `item ${i} CarrierServiceReference`);
		assert.deepEqual(
			pairedIndexes(it.pairedItem),
			[paired ? paired[i] : i],
			`item ${i} pairedItem`,
		);
	});
}

module.exports = {
	full,
	pairs,
	assertStates,
	assertNodeAllocated,
	pairedIndexes,
	requestList,
	requestsTo,
	assertKeyHeaders,
	requestsWithKey,
	onePutWithKey,
	jsonBody,
	assertAllocated,
};
