'use strict';
/**
 * The part of the e2e run that needs a started n8n (`n8n start` + REST): the credential test
 * (good key -> OK, wrong key -> Error) and the carrier-service list (listSearch
 * searchCarrierServices, with and without a filter), both against the simulator.
 */
const assert = require('node:assert/strict');
const { startN8n } = require('./n8n-server');
const { runEditorSession } = require('./e2e-editor');
const { assertSecretAbsent } = require('./e2e-examples');

const NODE_TYPE = 'n8n-nodes-sortedpro.sortedPro';

/** The first GET /carrierservices the simulator got; it was sent with `key`. */
function carrierServiceGet(sim, key) {
	const gets = sim.requests.filter(
		(r) => r.method === 'GET' && r.path.toLowerCase() === '/carrierservices',
	);
	assert.ok(gets.length >= 1, 'the simulator got GET /carrierservices');
	assert.equal(gets[0].headers['ocp-apim-subscription-key'], key, 'sent with the key');
	return gets[0];
}

/**
 * ctx = { report, version, env, sim, apiKey, wrongKey, good: { id, name, type }, bad: { id, name, type },
 * editor }. Both credentials must be imported already. With `editor`, the editor session in
 * Chromium follows on the same server (e2e-editor.js). Always stops the server.
 */
async function runRestChecks(ctx) {
	const { report, version, env, sim, apiKey, wrongKey, good, bad, editor } = ctx;
	const started = await report.step('n8n start (until ready)', version, () => startN8n(env));
	if (!started) return;
	const server = started.value;
	const answers = {};
	try {
		const owner = await report.step('POST /rest/owner/setup', version, () => server.setupOwner());
		if (!owner) return;

		sim.reset();
		const ok = await report.step('POST /rest/credentials/test (good key)', version, () =>
			server.testCredential({ id: good.id, name: good.name, type: good.type }),
		);
		answers.credentialTestGood = JSON.stringify(ok && ok.value);
		await report.check(
			'credential test, good key -> status OK (GET /carrierservices with the key)',
			version,
			() => {
				assert.ok(ok, 'request failed');
				assert.equal(ok.value.status, 'OK', JSON.stringify(ok.value));
				assert.equal(carrierServiceGet(sim, apiKey).headers['electio-api-version'], '1.1');
			},
		);

		sim.reset();
		const wrong = await report.step('POST /rest/credentials/test (wrong key)', version, () =>
			server.testCredential({ id: bad.id, name: bad.name, type: bad.type }),
		);
		answers.credentialTestWrong = JSON.stringify(wrong && wrong.value);
		await report.check(
			'credential test, wrong key -> status Error, message without the key',
			version,
			() => {
				assert.ok(wrong, 'request failed');
				assert.equal(wrong.value.status, 'Error', JSON.stringify(wrong.value));
				assert.equal(typeof wrong.value.message, 'string');
				assert.ok(!wrong.value.message.includes(wrongKey), 'the message contains the wrong key');
				assert.equal(carrierServiceGet(sim, wrongKey).status, 401, 'simulator answered 401');
			},
		);
		const message = wrong && wrong.value.message;
		if (typeof message === 'string' && !message.includes(wrongKey))
			console.log(`..   wrong-key message [n8n ${version}]: ${message}`);

		const search = (filter) =>
			server.listSearch({
				nodeType: NODE_TYPE,
				nodeVersion: 1,
				methodName: 'searchCarrierServices',
				path: 'parameters.carrierService',
				currentNodeParameters: { resource: 'allocation', operation: 'allocateWithCarrierService' },
				credentials: { [good.type]: { id: good.id, name: good.name } },
				...(filter !== undefined ? { filter } : {}),
			});

		sim.reset();
		const all = await report.step(
			'POST /rest/dynamic-node-parameters/resource-locator-results',
			version,
			() => search(),
		);
		answers.listAll = JSON.stringify(all && all.value);
		await report.check(
			'carrier-service list (searchCarrierServices) includes { value: CX_NDS }',
			version,
			() => {
				assert.ok(all, 'request failed');
				const results = all.value.results;
				assert.ok(Array.isArray(results), JSON.stringify(all.value));
				assert.ok(
					results.some((r) => r.value === 'CX_NDS'),
					JSON.stringify(results),
				);
				const count = sim.carrierServices().length;
				assert.equal(results.length, count, 'one result per carrier service');
				carrierServiceGet(sim, apiKey);
			},
		);

		const filtered = await report.step("listSearch with filter 'next day'", version, () =>
			search('next day'),
		);
		answers.listFiltered = JSON.stringify(filtered && filtered.value);
		await report.check("carrier-service list, filter 'next day' -> only CX_NDS", version, () => {
			assert.ok(filtered, 'request failed');
			assert.deepEqual(
				filtered.value.results.map((r) => r.value),
				['CX_NDS'],
				JSON.stringify(filtered.value.results),
			);
		});

		if (editor) {
			sim.reset();
			const seen = await report.time('editor session in Chromium', version, () =>
				runEditorSession({ report, version, server, sim, apiKey, wrongKey }),
			);
			Object.assign(answers, seen);
		}
	} finally {
		await report.time('n8n stop', version, () => server.stop());
		await report.check('API key absent from the n8n server log and REST answers', version, () => {
			const texts = { serverLog: server.logs, ...answers };
			assertSecretAbsent(apiKey, texts);
			assertSecretAbsent(wrongKey, texts);
		});
		sim.reset();
	}
}

module.exports = { runRestChecks, NODE_TYPE };
