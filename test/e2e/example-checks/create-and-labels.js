'use strict';
/**
 * Checks of the examples that create consignments or fetch labels:
 * webhook-order-create-allocate and labels-to-files (which writes PDFs with n8n's
 * Read/Write Files from Disk node into LABEL_DIR).
 */
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const n8n = require('../n8n-cli');
const {
	requestList,
	requestsTo,
	requestsWithKey,
	onePutWithKey,
	jsonBody,
	full,
	pairs,
	assertStates,
	assertNodeAllocated,
} = require('./common');

const REF_PATTERN = /^EC-[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/;
const LABEL_DIR = '/tmp/n8n-sortedpro-labels';
const LB = ['EC-000-3L1-LB1', 'EC-000-3L2-LB2', 'EC-000-3L3-LB3'];
const LABEL_FILES = LB.map((ref, i) => path.join(LABEL_DIR, `${2001 + i}-${ref}.pdf`));

const seed = [...LB];

/**
 * What n8n needs to write the labels: 2.x only allows ~/.n8n-files by default, 1.123 allows
 * any path unless N8N_RESTRICT_FILE_ACCESS_TO is set; this setting works for both.
 */
const n8nEnv = { N8N_RESTRICT_FILE_ACCESS_TO: LABEL_DIR };

/** The references "Create consignment" returned. */
const created = (execution) =>
	full(execution, 'Create consignment').map((it) => it.json.ConsignmentReference);

const examples = {
	'webhook-order-create-allocate.json': [
		[
			'"Create consignment": 2 items, distinct EC-… references, WEB-5001 / WEB-5002, paired 0, 1',
			({ execution }) => {
				const items = full(execution, 'Create consignment');
				assert.equal(items.length, 2, 'item count');
				const refs = items.map((it) => it.json.ConsignmentReference);
				for (const ref of refs) assert.match(String(ref), REF_PATTERN);
				assert.notEqual(refs[0], refs[1], 'distinct references');
				assert.deepEqual(
					items.map((it) => it.json.ConsignmentReferenceProvidedByCustomer),
					['WEB-5001', 'WEB-5002'],
				);
				assert.deepEqual(pairs(items), [[0], [1]], 'pairedItem');
			},
		],
		[
			'simulator: 2 POST /consignments answered 201 with key, version, JSON; Sorted1, WEB-5001; FR, Durand SARL',
			({ sim, apiKey }) => {
				const posts = requestsWithKey(sim, apiKey, 'POST', '/consignments', {
					count: 2,
					status: 201,
				});
				const [one, two] = posts.map(jsonBody);
				const byCustomer = { [one.ConsignmentReferenceProvidedByCustomer]: one };
				byCustomer[two.ConsignmentReferenceProvidedByCustomer] = two;
				const first = byCustomer['WEB-5001'];
				const second = byCustomer['WEB-5002'];
				assert.ok(first && second, `customer references: ${Object.keys(byCustomer)}`);
				assert.equal(first.Addresses[0].ShippingLocationReference, 'Sorted1');
				assert.equal(second.Addresses[1].Country.IsoCode.TwoLetterCode, 'FR');
				assert.equal(second.Addresses[1].CompanyName, 'Durand SARL');
			},
		],
		[
			'"Allocate with Next Day Super": the created references in order, 200, CX_NDS, paired 0, 1; 1 PUT with both',
			({ execution, sim, apiKey }) => {
				const refs = created(execution);
				assertNodeAllocated(execution, 'Allocate with Next Day Super', refs, 'CX_NDS');
				const put = onePutWithKey(sim, apiKey, '/allocation/allocatewithcarrierservice');
				assert.deepEqual(jsonBody(put).ConsignmentReferences, refs);
			},
		],
		[
			'simulator: both created consignments are now Allocated',
			({ execution, sim }) => assertStates(sim, created(execution), 'Allocated'),
		],
	],
	'labels-to-files.json': {
		/** n8n writes into the folder but does not create it. */
		before() {
			fs.rmSync(LABEL_DIR, { recursive: true, force: true });
			fs.mkdirSync(LABEL_DIR, { recursive: true });
		},
		checks: [
			[
				`"Write Label File": 3 items, fileName ${LABEL_DIR}/<order>-<reference>.pdf`,
				({ execution }) => {
					const items = n8n.getNodeItems(execution, 'Write Label File');
					assert.deepEqual(
						items.map((j) => j.fileName),
						LABEL_FILES,
					);
				},
			],
			[
				'the 3 files exist, begin with %PDF and name their consignment',
				() => {
					LABEL_FILES.forEach((file, i) => {
						assert.ok(fs.existsSync(file), `${file} exists`);
						const text = fs.readFileSync(file).toString('latin1');
						assert.ok(text.startsWith('%PDF'), `${file} begins with %PDF`);
						assert.ok(text.includes(LB[i]), `${file} contains ${LB[i]}`);
					});
				},
			],
			[
				'"Get PDF Label": paired 0, 1, 2, binary.data application/pdf',
				({ execution }) => {
					const items = full(execution, 'Get PDF Label');
					assert.equal(items.length, 3, 'item count');
					items.forEach((it, i) => {
						assert.deepEqual(pairs([it])[0], [i], `item ${i} pairedItem`);
						assert.equal(it.json.ConsignmentReference, LB[i], `item ${i} ConsignmentReference`);
						assert.equal(it.binary && it.binary.data && it.binary.data.mimeType, 'application/pdf');
					});
				},
			],
			[
				'simulator: GET /carrierservices, 2 PUTs allocatewithcarrierservice (two services), GET /labels/<ref>/PDF each',
				({ sim, apiKey }) => {
					requestsWithKey(sim, apiKey, 'GET', '/carrierservices');
					const puts = requestsWithKey(
						sim,
						apiKey,
						'PUT',
						'/allocation/allocatewithcarrierservice',
						{ count: 2 },
					);
					const byService = {};
					for (const put of puts) {
						const body = jsonBody(put);
						byService[body.MpdCarrierServiceReference] = body.ConsignmentReferences;
					}
					assert.deepEqual(byService, { CX_NDS: [LB[0], LB[2]], MPD_RMDTPS48HNAST: [LB[1]] });
					for (const ref of LB) requestsWithKey(sim, apiKey, 'GET', `/labels/${ref}/PDF`);
					const lastPut = sim.requests.lastIndexOf(puts[1]);
					const firstLabel = sim.requests.indexOf(
						requestsTo(sim, 'GET', `/labels/${LB[0]}/PDF`)[0],
					);
					assert.ok(lastPut < firstLabel, `labels after allocation: ${requestList(sim)}`);
				},
			],
		],
	},
};

module.exports = { seed, examples, n8nEnv, LABEL_DIR };
