'use strict';
/**
 * The shipped example workflows (examples/*.json) as the e2e run executes and checks them:
 * the simulator seed they need, the credential they reference, and per example the checks on
 * n8n's execution JSON and on the simulator's record of requests.
 */
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const n8n = require('./n8n-cli');
const agent = require('./e2e-agent');

const EXAMPLES_DIR = path.join(n8n.REPO_ROOT, 'examples');
const ALLOCATE_PATH = '/allocation/allocatewithcarrierservice';

const SPREADSHEET_REFS = [
	'EC-000-05A-Z6S',
	'EC-000-083-45D',
	'EC-000-A04-0DV',
	'EC-000-0B1-7QK',
	'EC-000-0C2-8RM',
];
const WEBHOOK_REFS = ['EC-000-1A1-WH1', 'EC-000-1A2-WH2', 'EC-000-1A3-WH3', 'EC-000-1A4-WH4'];
const ERROR_REFS = ['EC-000-2B1-ER1', 'EC-000-999-UNK', 'EC-000-2B3-ER3', 'EC-000-2B4-ER4'];
const UNKNOWN_REF = 'EC-000-999-UNK';
/** Seeded explicitly (no autoCreate): EC-000-999-UNK stays unknown -> a 404 summary. */
const SEED_CONSIGNMENTS = [
	...SPREADSHEET_REFS,
	...WEBHOOK_REFS,
	...ERROR_REFS.filter((r) => r !== UNKNOWN_REF),
	agent.AGENT_REF,
];

/** What the examples reference: credentials.sortedProApi = { id, name }. */
const CREDENTIAL = { id: 'sortedpro-credential', name: 'SortedPRO account', type: 'sortedProApi' };

/** The credential to import: only the base URL points somewhere else (the simulator). */
function credentialFor(apiKey, baseUrl, { id = CREDENTIAL.id, name = CREDENTIAL.name } = {}) {
	return { id, name, type: CREDENTIAL.type, data: { apiKey, environment: 'custom', baseUrl } };
}

/** The example files, parsed as they are shipped. */
function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')),
		}));
}

/** pairedItem ({ item } | number | [...]) -> [item indexes]. */
function pairedIndexes(pairedItem) {
	const list = Array.isArray(pairedItem) ? pairedItem : [pairedItem];
	return list.map((p) => (typeof p === 'number' ? p : p && p.item));
}

function allocationPuts(sim) {
	return sim.requests.filter((r) => r.method === 'PUT' && r.path.toLowerCase() === ALLOCATE_PATH);
}

/** Exactly one PUT /allocation/allocatewithcarrierservice, sent with the key and API version; returns it. */
function onePutWithKey(sim, apiKey) {
	const puts = allocationPuts(sim);
	assert.equal(
		puts.length,
		1,
		`PUT ${ALLOCATE_PATH} count; requests: ${sim.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`,
	);
	const put = puts[0];
	assert.equal(put.path, ALLOCATE_PATH);
	assert.equal(
		put.headers['ocp-apim-subscription-key'],
		apiKey,
		'ocp-apim-subscription-key header',
	);
	assert.equal(put.headers['electio-api-version'], '1.1', 'electio-api-version header');
	assert.equal(put.status, 200, 'simulator answered 200');
	return put;
}

function jsonBody(put) {
	assert.match(String(put.contentType), /^application\/json/, 'JSON content type');
	return JSON.parse(put.body);
}

/**
 * Per example file: the node whose output is checked, and its checks.
 * Each check is [name, (ctx) => void]; ctx = { run, execution, sim, apiKey, model, version }.
 */
const EXAMPLE_CHECKS = {
	[agent.FILE]: agent.checks,
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
				const items = n8n.getNodeItems(execution, 'Allocate with Next Day Super', { full: true });
				assert.equal(items.length, 5, 'item count');
				items.forEach((it, i) => {
					assert.equal(
						it.json.ConsignmentReference,
						rows[i].consignment,
						`item ${i} ConsignmentReference`,
					);
					assert.equal(it.json.StatusCode, 200, `item ${i} StatusCode`);
					assert.equal(
						it.json.CarrierServiceReference,
						'CX_NDS',
						`item ${i} CarrierServiceReference`,
					);
					assert.deepEqual(pairedIndexes(it.pairedItem), [i], `item ${i} pairedItem`);
				});
			},
		],
		[
			'simulator: 1 JSON PUT with the 5 references, key and electio-api-version 1.1',
			({ sim, apiKey }) => {
				const body = jsonBody(onePutWithKey(sim, apiKey));
				assert.deepEqual(body.ConsignmentReferences, SPREADSHEET_REFS);
				assert.equal(body.MpdCarrierServiceReference, 'CX_NDS');
			},
		],
		[
			'simulator: the 5 consignments are now Allocated',
			({ sim }) => {
				for (const ref of SPREADSHEET_REFS)
					assert.equal(sim.consignment(ref).state, 'Allocated', ref);
			},
		],
	],
	'webhook-payload-xml.json': [
		[
			'"Allocate webhook consignments": 4 items, MPD_RMDTPS48HNAST, 200, each paired to item 0',
			({ execution }) => {
				const items = n8n.getNodeItems(execution, 'Allocate webhook consignments', { full: true });
				assert.equal(items.length, 4, 'item count');
				assert.deepEqual(
					items.map((it) => it.json.ConsignmentReference),
					WEBHOOK_REFS,
				);
				items.forEach((it, i) => {
					assert.equal(
						it.json.CarrierServiceReference,
						'MPD_RMDTPS48HNAST',
						`item ${i} CarrierServiceReference`,
					);
					assert.equal(it.json.StatusCode, 200, `item ${i} StatusCode`);
					assert.deepEqual(pairedIndexes(it.pairedItem), [0], `item ${i} pairedItem`);
				});
			},
		],
		[
			'simulator: 1 PUT with application/xml body and Accept, key and electio-api-version 1.1',
			({ sim, apiKey }) => {
				const put = onePutWithKey(sim, apiKey);
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
				const items = n8n.getNodeItems(execution, 'Allocated', { full: true });
				assert.deepEqual(
					items.map((it) => it.json.ConsignmentReference),
					ERROR_REFS.filter((r) => r !== UNKNOWN_REF),
				);
				for (const it of items)
					assert.equal(it.json.StatusCode, 200, `${it.json.ConsignmentReference} StatusCode`);
				// pairedItem of "Allocate" (a NoOp's pairedItem points into its own input)
				const out = n8n.getNodeItems(execution, 'Allocate', { full: true, output: 0 });
				assert.deepEqual(
					out.map((it) => pairedIndexes(it.pairedItem)),
					[[0], [2], [3]],
					'Allocate output 0 pairedItem',
				);
			},
		],
		[
			`"Not allocated": 1 item, error names ${UNKNOWN_REF}, order 2002 merged in; error output paired to order 1`,
			({ execution }) => {
				const items = n8n.getNodeItems(execution, 'Not allocated', { full: true });
				assert.equal(items.length, 1, `item count: ${JSON.stringify(items.map((i) => i.json))}`);
				const { json } = items[0];
				assert.equal(typeof json.error, 'string', `error field: ${JSON.stringify(json)}`);
				assert.ok(json.error.includes(UNKNOWN_REF), `error names ${UNKNOWN_REF}: ${json.error}`);
				assert.equal(json.order, 2002, `order: ${JSON.stringify(json)}`);
				const out = n8n.getNodeItems(execution, 'Allocate', { full: true, output: 1 });
				assert.deepEqual(
					out.map((it) => pairedIndexes(it.pairedItem)),
					[[1]],
					'Allocate error output pairedItem',
				);
			},
		],
		[
			'simulator: 1 JSON PUT with the 4 references, key and electio-api-version 1.1',
			({ sim, apiKey }) => {
				const body = jsonBody(onePutWithKey(sim, apiKey));
				assert.deepEqual(body.ConsignmentReferences, ERROR_REFS);
				assert.equal(body.MpdCarrierServiceReference, 'EDC5_DPDSS');
			},
		],
	],
};

/** Throws when `secret` occurs in any of the texts (names where, never the secret itself). */
function assertSecretAbsent(secret, texts) {
	const where = Object.entries(texts)
		.filter(([, text]) => typeof text === 'string' && text.includes(secret))
		.map(([name]) => name);
	assert.deepEqual(where, [], `the API key occurs in: ${where.join(', ')}`);
}

/**
 * Executes one imported example (`n8n execute --id --rawOutput`) and runs its checks.
 * ctx = { report, version, env, sim, apiKey, model }. Simulator and model are reset before returning.
 */
async function runExample(ctx, { file, workflow }) {
	const { report, version, env, sim, apiKey, model } = ctx;
	const checks = EXAMPLE_CHECKS[file];
	if (!checks)
		return report.fail(
			`${file}: no checks defined for this example`,
			version,
			new Error('add it to EXAMPLE_CHECKS'),
		);
	sim.reset();
	model.reset();
	const run = await report.time(`execute ${file}`, version, () =>
		n8n.executeWorkflow(env, workflow.id),
	);
	const execution = run.execution;
	const base = { run, execution, sim, apiKey, model, version };
	const exitOk = await report.check(
		`${file}: n8n execute exit 0, execution JSON found`,
		version,
		() => {
			const err = n8n.getExecutionError(execution);
			assert.equal(
				run.code,
				0,
				`exit ${run.code}; error: ${JSON.stringify(err && { message: err.message, node: err.node, description: err.description })}\n${run.stderr.slice(-3000)}\n${run.stdout.slice(-3000)}`,
			);
			assert.ok(
				execution && execution.data && execution.data.resultData.runData,
				'data.resultData.runData in stdout',
			);
			assert.equal(err, undefined, 'no execution error');
		},
	);
	for (const [name, fn] of checks) {
		if (!exitOk && !execution && !name.startsWith('simulator')) {
			report.fail(`${file}: ${name}`, version, new Error('no execution JSON'));
			continue;
		}
		await report.check(`${file}: ${name}`, version, () => fn(base));
	}
	await report.check(
		`${file}: API key absent from n8n stdout, stderr and execution JSON`,
		version,
		() =>
			assertSecretAbsent(apiKey, {
				stdout: run.stdout,
				stderr: run.stderr,
				execution: JSON.stringify(execution || {}),
			}),
	);
	sim.reset();
	model.reset();
	return run;
}

module.exports = {
	CREDENTIAL,
	SEED_CONSIGNMENTS,
	UNKNOWN_REF,
	credentialFor,
	loadExamples,
	runExample,
	assertSecretAbsent,
	EXAMPLE_CHECKS,
};
