'use strict';
/**
 * Checks of the examples that allocate with one carrier service: spreadsheet-rows-combine,
 * webhook-payload-xml, error-output.
 */
const assert = require('node:assert/strict');
const n8n = require('../n8n-cli');
const {
	full,
	pairs,
	assertStates,
	assertNodeAllocated,
	onePutWithKey,
	jsonBody,
} = require('./common');

const ALLOCATE_PATH = '/allocation/allocatewithcarrierservice';
const SPREADSHEET_REFS = [
	'EC-000-05A-Z6S',
	'EC-000-083-45D',
	'EC-000-A04-0DV',
	'EC-000-0B1-7QK',
	'EC-000-0C2-8RM',
];
const WEBHOOK_REFS = ['EC-000-1A1-WH1', 'EC-000-1A2-WH2', 'EC-000-1A3-WH3', 'EC-000-1A4-WH4'];
const UNKNOWN_REF = 'EC-000-999-UNK';
const ERROR_REFS = ['EC-000-2B1-ER1', UNKNOWN_REF, 'EC-000-2B3-ER3', 'EC-000-2B4-ER4'];
const ERROR_KNOWN = ERROR_REFS.filter((r) => r !== UNKNOWN_REF);

/** Seeded Unallocated; EC-000-999-UNK stays unknown -> a 404 summary. */
const seed = [...SPREADSHEET_REFS, ...WEBHOOK_REFS, ...ERROR_KNOWN];

const examples = {
	'spreadsheet-rows-combine.json': [
		[
			'"Allocate with Next Day Super": 5 items, CSV consignments in order, 200, CX_NDS, paired to its row',
			({ execution }) => {
				const rows = n8n.getNodeItems(execution, 'Orders (CSV rows)');
				assert.deepEqual(
					rows.map((r) => r.consignment),
					SPREADSHEET_REFS,
					'the CSV consignment column',
				);
				assertNodeAllocated(execution, 'Allocate with Next Day Super', SPREADSHEET_REFS, 'CX_NDS');
			},
		],
		[
			'simulator: 1 JSON PUT with the 5 references, key and electio-api-version 1.1',
			({ sim, apiKey }) => {
				const body = jsonBody(onePutWithKey(sim, apiKey, ALLOCATE_PATH));
				assert.deepEqual(body.ConsignmentReferences, SPREADSHEET_REFS);
				assert.equal(body.MpdCarrierServiceReference, 'CX_NDS');
			},
		],
		[
			'simulator: the 5 consignments are now Allocated',
			({ sim }) => assertStates(sim, SPREADSHEET_REFS, 'Allocated'),
		],
	],
	'webhook-payload-xml.json': [
		[
			'"Allocate webhook consignments": 4 items, MPD_RMDTPS48HNAST, 200, each paired to item 0',
			({ execution }) =>
				assertNodeAllocated(
					execution,
					'Allocate webhook consignments',
					WEBHOOK_REFS,
					'MPD_RMDTPS48HNAST',
					[0, 0, 0, 0],
				),
		],
		[
			'simulator: 1 PUT with application/xml body and Accept, key and electio-api-version 1.1',
			({ sim, apiKey }) => {
				const put = onePutWithKey(sim, apiKey, ALLOCATE_PATH);
				assert.match(String(put.contentType), /^application\/xml/, 'Content-Type');
				assert.match(String(put.accept), /application\/xml/, 'Accept');
				assert.match(put.body, /<AllocateConsignmentsWithCarrierServiceRequest/);
				for (const ref of WEBHOOK_REFS)
					assert.ok(
						put.body.includes(`<string>${ref}</string>`),
						`<string>${ref}</string> in body`,
					);
			},
		],
	],
	'error-output.json': [
		[
			'"Allocated": the 3 known consignments, 200; "Allocate" output 0 paired to orders 0, 2, 3',
			({ execution }) => {
				const items = full(execution, 'Allocated');
				assert.deepEqual(
					items.map((it) => it.json.ConsignmentReference),
					ERROR_KNOWN,
				);
				for (const it of items)
					assert.equal(it.json.StatusCode, 200, `${it.json.ConsignmentReference} StatusCode`);
				// pairedItem of "Allocate" (a NoOp's pairedItem points into its own input)
				const out = pairs(full(execution, 'Allocate'));
				assert.deepEqual(out, [[0], [2], [3]], 'Allocate output 0 pairedItem');
			},
		],
		[
			`"Not allocated": 1 item, error names ${UNKNOWN_REF}, order 2002 merged in; error output paired to order 1`,
			({ execution }) => {
				const items = full(execution, 'Not allocated');
				assert.equal(items.length, 1, `item count: ${JSON.stringify(items.map((i) => i.json))}`);
				const { json } = items[0];
				assert.equal(typeof json.error, 'string', `error field: ${JSON.stringify(json)}`);
				assert.ok(json.error.includes(UNKNOWN_REF), `error names ${UNKNOWN_REF}: ${json.error}`);
				assert.equal(json.order, 2002, `order: ${JSON.stringify(json)}`);
				const out = pairs(full(execution, 'Allocate', 1));
				assert.deepEqual(out, [[1]], 'Allocate error output pairedItem');
			},
		],
		[
			'simulator: 1 JSON PUT with the 4 references, key and electio-api-version 1.1',
			({ sim, apiKey }) => {
				const body = jsonBody(onePutWithKey(sim, apiKey, ALLOCATE_PATH));
				assert.deepEqual(body.ConsignmentReferences, ERROR_REFS);
				assert.equal(body.MpdCarrierServiceReference, 'EDC5_DPDSS');
			},
		],
	],
};

module.exports = { seed, examples, UNKNOWN_REF };
