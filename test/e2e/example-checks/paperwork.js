'use strict';
/**
 * Checks of the examples that change a consignment or fetch its customs documents:
 * update-address (Consignment → Update) and international-order-documents (create, allocate,
 * commercial invoice written by n8n's Read/Write Files from Disk node into DOCS_DIR).
 */
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const n8n = require('../n8n-cli');
const { requestList, requestsWithKey, jsonBody, full, pairs } = require('./common');

const DOCS_DIR = '/tmp/n8n-sortedpro-documents';
const MOVING = 'EC-000-4UP-AD1';
const packageOf = (description, value) => ({
	Weight: { Value: 0.5, Unit: 'Kg' },
	Dimensions: { Unit: 'Cm', Width: 10, Length: 20, Height: 5 },
	Description: description,
	Value: { Amount: value, Currency: { IsoCode: 'GBP' } },
});
/** An order not yet allocated, with its addresses and two packages, as Create would have made it. */
const seed = [
	{
		reference: MOVING,
		state: 'Unallocated',
		customerReference: 'WEB-7001',
		addresses: [
			{ AddressType: 'Origin', ShippingLocationReference: 'Sorted1', IsCached: false },
			{
				AddressType: 'Destination',
				Contact: { FirstName: 'Ada', LastName: 'Lovelace', Telephone: '07700 900123' },
				AddressLine1: '12 Old Road',
				Town: 'Salford',
				Postcode: 'M5 4WT',
				Country: { IsoCode: { TwoLetterCode: 'GB' } },
				IsCached: false,
			},
		],
		packages: [packageOf('Socks', 5.99), packageOf('Scarf', 19.5)],
	},
];

/** n8n 2.x writes only inside N8N_RESTRICT_FILE_ACCESS_TO (several folders: separated by ;). */
const n8nEnv = { N8N_RESTRICT_FILE_ACCESS_TO: DOCS_DIR };

const destinationOf = (consignment) =>
	consignment.Addresses.find((address) => address.AddressType === 'Destination');

const examples = {
	'update-address.json': [
		[
			'"Update address": 1 item, the consignment read back with the new address and phone, name and both packages kept, paired 0',
			({ execution }) => {
				const items = full(execution, 'Update address');
				assert.equal(items.length, 1, 'item count');
				const { json } = items[0];
				assert.equal(json.Reference, MOVING);
				assert.equal(json.ConsignmentState, 'Unallocated');
				assert.deepEqual(
					json.Packages.map((p) => [p.Reference, p.Description]),
					[
						['EP-4UP-AD1-001', 'Socks'],
						['EP-4UP-AD1-002', 'Scarf'],
					],
				);
				assert.deepEqual(destinationOf(json), {
					...seed[0].addresses[1],
					Contact: { FirstName: 'Ada', LastName: 'Lovelace', Telephone: '0161 496 0000' },
					AddressLine1: '27 Canal Street',
					AddressLine2: 'Flat 4',
					Town: 'Manchester',
					Postcode: 'M1 3HE',
				});
				assert.deepEqual(pairs(items), [[0]], 'pairedItem');
			},
		],
		[
			'simulator: GET the consignment, PUT /consignments/ with the whole consignment (both packages, Origin, WEB-7001), GET it back, each with key and version',
			({ sim, apiKey }) => {
				assert.deepEqual(
					sim.requests.map((r) => `${r.method} ${r.path}`),
					[`GET /consignments/${MOVING}`, 'PUT /consignments/', `GET /consignments/${MOVING}`],
					requestList(sim),
				);
				requestsWithKey(sim, apiKey, 'GET', `/consignments/${MOVING}`, { count: 2 });
				const body = jsonBody(requestsWithKey(sim, apiKey, 'PUT', '/consignments/')[0]);
				assert.equal(body.Reference, MOVING);
				assert.equal(body.ConsignmentReferenceProvidedByCustomer, 'WEB-7001');
				assert.equal(body.Packages.length, 2, 'packages sent back');
				assert.equal(body.Addresses[0].ShippingLocationReference, 'Sorted1');
			},
		],
	],
	'international-order-documents.json': {
		/** n8n writes into the folder but does not create it. */
		before() {
			fs.rmSync(DOCS_DIR, { recursive: true, force: true });
			fs.mkdirSync(DOCS_DIR, { recursive: true });
		},
		checks: [
			[
				'"Get Commercial Invoice": 1 item, <reference>-commercial-invoice.pdf, application/pdf, paired 0; the invoice and label files written',
				({ execution }) => {
					const [ref] = full(execution, 'Create consignment').map(
						(it) => it.json.ConsignmentReference,
					);
					const items = full(execution, 'Get Commercial Invoice');
					assert.equal(items.length, 1, 'item count');
					assert.equal(items[0].json.FileName, `${ref}-commercial-invoice.pdf`);
					assert.equal(items[0].binary.data.mimeType, 'application/pdf');
					assert.deepEqual(pairs(items), [[0]], 'pairedItem');
					for (const name of [`${ref}-commercial-invoice.pdf`, `${ref}.pdf`]) {
						const file = path.join(DOCS_DIR, `WEB-8001-${name}`);
						const text = fs.readFileSync(file).toString('latin1');
						assert.ok(text.startsWith('%PDF'), `${file} begins with %PDF`);
						assert.ok(text.includes(ref), `${file} names ${ref}`);
					}
				},
			],
			[
				'simulator: POST /consignments (US, CustomsDocumentation), PUT allocatewithcarrierservice, its label once (Get Labels), GET the commercial invoice; Allocated',
				({ execution, sim, apiKey }) => {
					const ref = n8n.getNodeItems(execution, 'Create consignment')[0].ConsignmentReference;
					const post = requestsWithKey(sim, apiKey, 'POST', '/consignments', { status: 201 });
					const body = jsonBody(post[0]);
					assert.equal(body.Addresses[1].Country.IsoCode.TwoLetterCode, 'US');
					assert.equal(body.CustomsDocumentation.ShippingTerms, 'DAP');
					requestsWithKey(sim, apiKey, 'PUT', '/allocation/allocatewithcarrierservice');
					// Get Labels: the label fetched once, after the allocation, on the allocated item.
					assert.equal(requestsWithKey(sim, apiKey, 'GET', `/labels/${ref}/PDF`).length, 1);
					const [allocated] = full(execution, 'Allocate with labels');
					assert.equal(allocated.binary.data.fileName, `${ref}.pdf`);
					requestsWithKey(sim, apiKey, 'GET', `/consignments/docs/commercialinvoice/${ref}`);
					assert.equal(sim.consignment(ref).state, 'Allocated');
				},
			],
		],
	},
};

module.exports = { seed, examples, n8nEnv, DOCS_DIR };
