'use strict';
/**
 * Checks of the allocation examples beyond one carrier service: allocate-default-rules,
 * allocate-service-group, allocate-service-filters, allocate-quotes, deallocate, manifest-by-query.
 */
const assert = require('node:assert/strict');
const n8n = require('../n8n-cli');
const {
	full,
	pairs,
	assertStates,
	assertNodeAllocated,
	requestList,
	requestsWithKey,
	onePutWithKey,
	jsonBody,
} = require('./common');

const DR = ['EC-000-3D1-DR1', 'EC-000-3D2-DR2', 'EC-000-3D3-DR3'];
const SG = ['EC-000-4G1-SG1', 'EC-000-4G2-SG2', 'EC-000-4G3-SG3'];
const SF = ['EC-000-7F1-SF1', 'EC-000-7F2-SF2', 'EC-000-7F3-SF3'];
const CQ = ['EC-000-5Q1-CQ1', 'EC-000-5Q2-CQ2'];
const WQ = 'EC-000-5Q3-WQ3';
const QUOTE = '00000003-5a1e-4c0d-9e2f-6b7a8c9d0e1f';
const DA = ['EC-000-6D1-DA1', 'EC-000-6D2-DA2', 'EC-000-6D3-DA3'];
const DEALLOCATED = 'Consignment deallocation completed successfully';
// Allocated to DPD's service: the only ones of the seed a query for carrier DPD finds.
const MQ = ['EC-000-8M1-MQ1', 'EC-000-8M2-MQ2'];

const seed = [
	...DR,
	...SG,
	...SF,
	...CQ,
	WQ,
	{ reference: DA[0], state: 'Allocated', carrierServiceReference: 'CX_NDS' },
	{ reference: DA[1], state: 'Manifested', carrierServiceReference: 'CX_NDS' },
	DA[2],
	...MQ.map((reference) => ({
		reference,
		state: 'Allocated',
		carrierServiceReference: 'EDC5_DPDSS',
	})),
];

const examples = {
	'allocate-default-rules.json': [
		[
			'"Allocate by default rules": the 3 references in order, 200, Example-Carrier-Service, paired 0, 1, 2',
			({ execution }) =>
				assertNodeAllocated(execution, 'Allocate by default rules', DR, 'Example-Carrier-Service'),
		],
		[
			'simulator: 1 PUT /allocation/allocate, JSON {ConsignmentReferences: the 3}, key and version',
			({ sim, apiKey }) => {
				const body = jsonBody(onePutWithKey(sim, apiKey, '/allocation/allocate'));
				assert.deepEqual(body, { ConsignmentReferences: DR });
			},
		],
		[
			'Get Labels: each item carries <ref>.pdf (application/pdf) in binary.data; simulator: 1 GET /labels/<ref>/PDF each',
			({ execution, sim, apiKey }) => {
				full(execution, 'Allocate by default rules').forEach((it, i) => {
					const label = it.binary && it.binary.data;
					assert.equal(label && label.mimeType, 'application/pdf', `item ${i} label MIME type`);
					assert.equal(label.fileName, `${DR[i]}.pdf`, `item ${i} label file name`);
					assert.equal(it.json.labelError, undefined, `item ${i} labelError`);
				});
				for (const ref of DR) requestsWithKey(sim, apiKey, 'GET', `/labels/${ref}/PDF`);
			},
		],
	],
	'allocate-service-group.json': [
		[
			'"Allocate with service group": SG1 CX_NDS, SG2 EDC5_DPDSS, SG3 CX_NDS, paired 0, 1, 2',
			({ execution }) =>
				assertNodeAllocated(execution, 'Allocate with service group', SG, [
					'CX_NDS',
					'EDC5_DPDSS',
					'CX_NDS',
				]),
		],
		[
			'simulator: 2 XML PUTs /allocation/allocatewithservicegroup: SG1+SG3 valuableGoods, SG2 weekend',
			({ sim, apiKey }) => {
				const puts = requestsWithKey(sim, apiKey, 'PUT', '/allocation/allocatewithservicegroup', {
					count: 2,
				});
				const groups = {};
				for (const put of puts) {
					assert.match(String(put.contentType), /^application\/xml/, 'Content-Type');
					assert.match(put.body, /<AllocateConsignmentsWithServiceGroupRequest[\s>]/, 'XML root');
					const group = /<MpdCarrierServiceGroupReference>([^<]*)</.exec(put.body);
					assert.ok(group, `MpdCarrierServiceGroupReference in ${put.body}`);
					groups[group[1]] = SG.filter((r) => put.body.includes(`<string>${r}</string>`));
				}
				assert.deepEqual(groups, { valuableGoods: [SG[0], SG[2]], weekend: [SG[1]] });
			},
		],
	],
	'allocate-service-filters.json': [
		[
			'"Allocate with service filters": SF1 drop-off MPD_RMDTPS48HNAST, SF2 pick-up EDC5_DPDSS, SF3 drop-off, paired 0, 1, 2',
			({ execution }) =>
				assertNodeAllocated(execution, 'Allocate with service filters', SF, [
					'MPD_RMDTPS48HNAST',
					'EDC5_DPDSS',
					'MPD_RMDTPS48HNAST',
				]),
		],
		[
			'simulator: 2 JSON PUTs /allocation/allocateConsignmentsWithServiceFilters: SF1+SF3 Outbound IsDropOff, SF2 Outbound IsPickup',
			({ sim, apiKey }) => {
				const puts = requestsWithKey(
					sim,
					apiKey,
					'PUT',
					'/allocation/allocateConsignmentsWithServiceFilters',
					{ count: 2 },
				);
				// Sent in parallel: compared in the order of their first reference.
				const bodies = puts
					.map(jsonBody)
					.sort((a, b) => a.ConsignmentReferences[0].localeCompare(b.ConsignmentReferences[0]));
				assert.deepEqual(bodies, [
					{
						ConsignmentReferences: [SF[0], SF[2]],
						Filters: { ServiceDirection: 'Outbound', IsDropOff: true },
					},
					{
						ConsignmentReferences: [SF[1]],
						Filters: { ServiceDirection: 'Outbound', IsPickup: true },
					},
				]);
			},
		],
	],
	'manifest-by-query.json': [
		[
			'"Manifest DPD consignments": one item, Found 2, Queued 2, no FailedConsignments, paired 0',
			({ execution }) => {
				const items = full(execution, 'Manifest DPD consignments');
				assert.equal(items.length, 1, 'item count');
				assert.deepEqual(
					{
						Found: items[0].json.Found,
						Queued: items[0].json.Queued,
						NotQueued: items[0].json.NotQueued,
						FailedConsignments: items[0].json.FailedConsignments,
					},
					{ Found: 2, Queued: 2, NotQueued: 0, FailedConsignments: [] },
				);
				assert.deepEqual(pairs(items), [[0]], 'pairedItem');
			},
		],
		[
			'simulator: 1 POST /consignments/manifestFromQuery {States: [Allocated], Carriers: [DPD]}; MQ1 and MQ2 now Manifested, DA1 (CX_NDS) still Allocated',
			({ sim, apiKey }) => {
				const [query] = requestsWithKey(sim, apiKey, 'POST', '/consignments/manifestFromQuery');
				assert.deepEqual(jsonBody(query), { States: ['Allocated'], Carriers: ['DPD'] });
				assertStates(sim, MQ, 'Manifested');
				assert.equal(sim.consignment(DA[0]).state, 'Allocated', DA[0]);
			},
		],
	],
	'allocate-quotes.json': [
		[
			'"Allocate with cheapest quote": CQ1, CQ2, 200, Example-Carrier-Service, paired 0, 1',
			({ execution }) =>
				assertNodeAllocated(
					execution,
					'Allocate with cheapest quote',
					CQ,
					'Example-Carrier-Service',
				),
		],
		[
			'"Allocate with quote": WQ3, 200, CX_NDS (the quote GUID 00000003-…), paired 0',
			({ execution }) => assertNodeAllocated(execution, 'Allocate with quote', [WQ], 'CX_NDS'),
		],
		[
			'simulator: PUT …/allocatewithcheapestquote per consignment and …/allocatewithquote/<GUID>, no body',
			({ sim, apiKey }) => {
				const puts = [
					...CQ.map((r) =>
						onePutWithKey(sim, apiKey, `/allocation/${r}/allocatewithcheapestquote`),
					),
					onePutWithKey(sim, apiKey, `/allocation/${WQ}/allocatewithquote/${QUOTE}`),
				];
				for (const put of puts) assert.ok(!put.body, `no body on ${put.path}: ${put.body}`);
				assert.equal(sim.requests.length, 3, `requests: ${requestList(sim)}`);
			},
		],
	],
	'deallocate.json': [
		[
			`"Deallocated": DA1 and DA2, IsSuccess true, "${DEALLOCATED}"`,
			({ execution }) => {
				const items = n8n.getNodeItems(execution, 'Deallocated');
				assert.deepEqual(
					items.map((j) => [j.ConsignmentReference, j.IsSuccess, j.Message]),
					[
						[DA[0], true, DEALLOCATED],
						[DA[1], true, DEALLOCATED],
					],
					JSON.stringify(items),
				);
			},
		],
		[
			'"Not deallocated": DA3 is in state Unallocated; "Deallocate" error output paired to item 2',
			({ execution }) => {
				const items = n8n.getNodeItems(execution, 'Not deallocated');
				assert.equal(items.length, 1, `item count: ${JSON.stringify(items)}`);
				assert.equal(
					items[0].error,
					`Consignment ${DA[2]} was not deallocated: Consignment ${DA[2]} cannot be deallocated because it is in state Unallocated`,
				);
				const out = pairs(full(execution, 'Deallocate', 1));
				assert.deepEqual(out, [[2]], 'Deallocate error output pairedItem');
			},
		],
		[
			'simulator: 1 PUT /consignments/deallocatelist with the 3 references; DA1 and DA2 now Unallocated',
			({ sim, apiKey }) => {
				const body = jsonBody(onePutWithKey(sim, apiKey, '/consignments/deallocatelist'));
				assert.deepEqual(body, DA);
				assertStates(sim, DA, 'Unallocated');
			},
		],
	],
};

module.exports = { seed, examples };
