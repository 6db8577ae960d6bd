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

/** The modules holding the per-example checks: { seed, examples, n8nEnv? } each. */
const CHECK_MODULES = [
	require('./example-checks/carrier-service'),
	require('./example-checks/allocation'),
	require('./example-checks/create-and-labels'),
	require('./example-checks/paperwork'),
];
const { UNKNOWN_REF } = require('./example-checks/carrier-service');

/** Seeded explicitly (no autoCreate): EC-000-999-UNK stays unknown -> a 404 summary. */
const SEED_CONSIGNMENTS = [...CHECK_MODULES.flatMap((m) => m.seed), agent.AGENT_REF];

/**
 * Environment every n8n of the run gets for the examples (e.g. the folders it may write to:
 * N8N_RESTRICT_FILE_ACCESS_TO takes several, separated by ;).
 */
const N8N_ENV = {};
for (const [name, value] of CHECK_MODULES.flatMap((m) => Object.entries(m.n8nEnv || {})))
	N8N_ENV[name] = N8N_ENV[name] ? `${N8N_ENV[name]};${value}` : value;

/**
 * Per example file: { before?, checks }. Each check is [name, (ctx) => void];
 * ctx = { run, execution, sim, apiKey, model, version }. `before()` runs before n8n executes it.
 */
const EXAMPLE_CHECKS = { [agent.FILE]: { checks: agent.checks } };
for (const m of CHECK_MODULES)
	for (const [file, spec] of Object.entries(m.examples))
		EXAMPLE_CHECKS[file] = Array.isArray(spec) ? { checks: spec } : spec;

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

/**
 * Every workflow has an id of its own: `n8n import:workflow` overwrites a workflow with the
 * same id, so a shared id would silently run another example.
 */
function assertUniqueIds(workflows) {
	const seen = new Map();
	const clashes = [];
	for (const { id, name } of workflows) {
		assert.ok(typeof id === 'string' && id !== '', `workflow "${name}" has an id`);
		if (seen.has(id)) clashes.push(`${id}: "${seen.get(id)}" and "${name}"`);
		else seen.set(id, name);
	}
	assert.deepEqual(clashes, [], 'workflow ids used twice');
}

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
	const spec = EXAMPLE_CHECKS[file];
	if (!spec)
		return report.fail(
			`${file}: no checks defined for this example`,
			version,
			new Error('add it to EXAMPLE_CHECKS'),
		);
	const { checks, before } = spec;
	sim.reset();
	model.reset();
	if (before) await before();
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
	N8N_ENV,
	UNKNOWN_REF,
	assertUniqueIds,
	credentialFor,
	loadExamples,
	runExample,
	assertSecretAbsent,
	EXAMPLE_CHECKS,
};
