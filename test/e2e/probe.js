#!/usr/bin/env node
'use strict';
/**
 * End-to-end proof of the real-n8n harness (test/e2e/n8n-cli.js), with n8n's own nodes and a
 * throwaway community package `n8n-nodes-e2eprobe` (node `hello`, credential `helloApi`) built
 * under .cache/e2e-probe/. For each n8n version:
 *   1. install the probe tarball into $N8N_USER_FOLDER/.n8n/nodes
 *   2. import:credentials + import:workflow, then `execute --id --rawOutput`:
 *      a. Manual Trigger -> Code (2 items)                       -> exit 0, 2 items back
 *      b. Manual Trigger -> Code -> n8n-nodes-e2eprobe.hello      -> exit 0, HTTP call with creds
 *      c. same with a bad API key                                 -> exit 1, error from the node
 *      d. an unknown node type                                    -> exit 1
 *   3. same package installed the way n8n's UI installs it (strategy 'n8n') -> executes
 *   4. `n8n start` + REST: owner setup, credential test (good/bad), listSearch, loadOptions
 * Usage: node test/e2e/probe.js [version ...]      (default: $N8N_OLD_VERSION and $N8N_NEW_VERSION)
 *        E2E_PROBE_SKIP_SERVER=1 skips step 4.
 * Exits non-zero on the first failed check; prints "N passed, 0 failed" at the end.
 */
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const assert = require('node:assert/strict');
const n8n = require('./n8n-cli');

const PROBE_DIR = path.join(n8n.CACHE_DIR, 'e2e-probe');
const PKG_NAME = 'n8n-nodes-e2eprobe';
const HELLO_TYPE = `${PKG_NAME}.hello`;

// ------------------------------------------------------------------ probe package
const HELLO_NODE_JS = `'use strict';
class hello {
	constructor() {
		this.description = {
			displayName: 'E2E Probe Hello',
			name: 'hello',
			group: ['transform'],
			version: 1,
			description: 'Throwaway node to prove the e2e harness',
			defaults: { name: 'Hello' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'helloApi', required: false }],
			properties: [
				{ displayName: 'Greeting', name: 'greeting', type: 'string', default: 'hi' },
				{ displayName: 'Call API', name: 'callApi', type: 'boolean', default: false },
				{
					displayName: 'Thing', name: 'thing', type: 'resourceLocator',
					default: { mode: 'list', value: '' },
					modes: [
						{ displayName: 'From List', name: 'list', type: 'list',
							typeOptions: { searchListMethod: 'searchThings', searchable: true } },
						{ displayName: 'ID', name: 'id', type: 'string' },
					],
				},
				{ displayName: 'Color', name: 'color', type: 'options', default: '',
					typeOptions: { loadOptionsMethod: 'getColors' }, options: [] },
			],
		};
		this.methods = {
			listSearch: {
				async searchThings(filter, paginationToken) {
					const creds = await this.getCredentials('helloApi');
					const res = await this.helpers.httpRequestWithAuthentication.call(this, 'helloApi', {
						method: 'GET', url: creds.url + '/things', qs: { filter: filter || '', page: paginationToken || '' }, json: true,
					});
					return { results: res.things.map((t) => ({ name: t.name, value: t.id })), paginationToken: res.next };
				},
			},
			loadOptions: {
				async getColors() {
					return [{ name: 'Red', value: 'red' }, { name: 'Blue', value: 'blue' }];
				},
			},
		};
	}
	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const json = { ...items[i].json, greeting: this.getNodeParameter('greeting', i), probe: true };
			if (this.getNodeParameter('callApi', i)) {
				const creds = await this.getCredentials('helloApi');
				json.api = await this.helpers.httpRequestWithAuthentication.call(this, 'helloApi', {
					method: 'GET', url: creds.url + '/me', json: true,
				});
			}
			out.push({ json, pairedItem: { item: i } });
		}
		return [out];
	}
}
module.exports = { hello };
`;

const HELLO_CRED_JS = `'use strict';
class HelloApi {
	constructor() {
		this.name = 'helloApi';
		this.displayName = 'E2E Probe Hello API';
		this.properties = [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		];
		this.authenticate = { type: 'generic', properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' } } };
		this.test = { request: { baseURL: '={{$credentials.url}}', url: '/me' } };
	}
}
module.exports = { HelloApi };
`;

function buildProbeTarball() {
	const pkgDir = path.join(PROBE_DIR, 'pkg');
	fs.rmSync(pkgDir, { recursive: true, force: true });
	fs.mkdirSync(path.join(pkgDir, 'dist', 'nodes', 'hello'), { recursive: true });
	fs.mkdirSync(path.join(pkgDir, 'dist', 'credentials'), { recursive: true });
	fs.writeFileSync(
		path.join(pkgDir, 'package.json'),
		JSON.stringify(
			{
				name: PKG_NAME,
				version: '0.1.0',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					nodes: ['dist/nodes/hello/hello.node.js'],
					credentials: ['dist/credentials/HelloApi.credentials.js'],
				},
				// like a real community node: must NOT end up installed next to the package
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	fs.writeFileSync(path.join(pkgDir, 'dist', 'nodes', 'hello', 'hello.node.js'), HELLO_NODE_JS);
	fs.writeFileSync(path.join(pkgDir, 'dist', 'credentials', 'HelloApi.credentials.js'), HELLO_CRED_JS);
	return n8n.packPackage(pkgDir, PROBE_DIR);
}

// ------------------------------------------------------------------ stub API (loopback only)
function startStubApi() {
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		const send = (status, body) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		server.hits.push(`${req.method} ${url.pathname}`);
		if (req.headers['x-api-key'] !== 'good') return send(401, { error: 'bad api key' });
		if (url.pathname === '/me') return send(200, { user: 'probe' });
		if (url.pathname === '/things') {
			const all = [
				{ id: 't1', name: 'Alpha' },
				{ id: 't2', name: 'Beta' },
				{ id: 't3', name: 'Gamma' },
			];
			const f = (url.searchParams.get('filter') || '').toLowerCase();
			return send(200, { things: all.filter((t) => t.name.toLowerCase().includes(f)), next: undefined });
		}
		return send(404, { error: 'not found' });
	});
	server.hits = [];
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ------------------------------------------------------------------ workflows
const trigger = { id: 'a0000000-0000-4000-8000-000000000001', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
const code = {
	id: 'a0000000-0000-4000-8000-000000000002',
	name: 'Code',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [220, 0],
	parameters: { jsCode: "return [{ json: { n: 1, who: 'one' } }, { json: { n: 2, who: 'two' } }];" },
};
const link = (from, to) => ({ [from]: { main: [[{ node: to, type: 'main', index: 0 }]] } });

function helloNode(credId, type = HELLO_TYPE) {
	return {
		id: 'a0000000-0000-4000-8000-000000000003',
		name: 'Hello',
		type,
		typeVersion: 1,
		position: [440, 0],
		parameters: { greeting: 'hello from e2e', callApi: true },
		credentials: { helloApi: { id: credId, name: credId } },
	};
}

const WF = {
	code: { id: 'e2eProbeCode0001', name: 'e2e probe: code', nodes: [trigger, code], connections: link('Manual', 'Code') },
	hello: {
		id: 'e2eProbeHello001',
		name: 'e2e probe: hello',
		nodes: [trigger, code, helloNode('e2eProbeCredGood')],
		connections: { ...link('Manual', 'Code'), ...link('Code', 'Hello') },
	},
	helloBad: {
		id: 'e2eProbeHelloBad',
		name: 'e2e probe: hello, bad key',
		nodes: [trigger, code, helloNode('e2eProbeCredBad1')],
		connections: { ...link('Manual', 'Code'), ...link('Code', 'Hello') },
	},
	unknown: {
		id: 'e2eProbeUnknown1',
		name: 'e2e probe: unknown type',
		nodes: [trigger, code, helloNode('e2eProbeCredGood', `${PKG_NAME}.nope`)],
		connections: { ...link('Manual', 'Code'), ...link('Code', 'Hello') },
	},
};

// ------------------------------------------------------------------ runner
let passed = 0;
function check(label, fn) {
	fn();
	passed++;
	console.log(`  ok  ${label}`);
}

async function probeVersion(version, tarball, stub) {
	const stubUrl = `http://127.0.0.1:${stub.address().port}`;
	const timings = { version };
	const time = async (label, fn) => {
		const t0 = Date.now();
		const r = await fn();
		timings[label] = Date.now() - t0;
		console.log(`  ..  ${label}: ${(timings[label] / 1000).toFixed(1)} s`);
		return r;
	};
	console.log(`\n=== n8n ${version}`);
	await time('ensureN8n', async () => n8n.ensureN8n(version));
	const userFolder = path.join(PROBE_DIR, `run-${version}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	const env = n8n.createN8nEnv({ version, userFolder });
	const ver = await n8n.runN8n(env, ['--version']);
	check(`n8n --version = ${version} (node ${env.N8N_E2E_NODE})`, () => assert.equal(ver.stdout.trim().split('\n').pop(), version));
	timings['n8n --version'] = ver.durationMs;

	// 1. community package
	const inst = await time('installCommunityPackage (npm)', () => n8n.installCommunityPackage(env, tarball));
	check(`package installed as ${inst.packageName}; peer n8n-workflow not installed next to it`, () => {
		assert.equal(inst.packageName, PKG_NAME);
		assert.ok(fs.existsSync(path.join(inst.dir, 'dist', 'nodes', 'hello', 'hello.node.js')));
		assert.ok(!fs.existsSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-workflow')));
	});

	// 2. import + execute
	await time('import:credentials', () =>
		n8n.importCredentials(env, [
			{ id: 'e2eProbeCredGood', name: 'e2eProbeCredGood', type: 'helloApi', data: { url: stubUrl, apiKey: 'good' } },
			{ id: 'e2eProbeCredBad1', name: 'e2eProbeCredBad1', type: 'helloApi', data: { url: stubUrl, apiKey: 'bad' } },
		]),
	);
	await time('import:workflow (1 workflow)', () => n8n.importWorkflow(env, WF.code));
	// several workflows in one file cost one n8n boot
	await time('import:workflow (3 workflows, 1 file)', () => n8n.importWorkflow(env, [WF.hello, WF.helloBad, WF.unknown]));

	const rCode = await time('execute (code)', () => n8n.executeWorkflow(env, WF.code.id));
	check('Manual Trigger -> Code: exit 0, 2 items', () => {
		assert.equal(rCode.code, 0, rCode.stderr + rCode.stdout.slice(-3000));
		assert.deepEqual(n8n.getNodeItems(rCode.execution, 'Code'), [
			{ n: 1, who: 'one' },
			{ n: 2, who: 'two' },
		]);
		assert.equal(rCode.execution.finished, true);
	});

	stub.hits.length = 0;
	const rHello = await time('execute (hello)', () => n8n.executeWorkflow(env, WF.hello.id));
	check(`${HELLO_TYPE} executes with imported credentials (X-Api-Key sent)`, () => {
		assert.equal(rHello.code, 0, rHello.stderr + rHello.stdout.slice(-3000));
		const items = n8n.getNodeItems(rHello.execution, 'Hello');
		assert.equal(items.length, 2);
		assert.deepEqual(items[0], { n: 1, who: 'one', greeting: 'hello from e2e', probe: true, api: { user: 'probe' } });
		assert.deepEqual(stub.hits, ['GET /me', 'GET /me']);
	});

	const rBad = await time('execute (hello, bad key)', () => n8n.executeWorkflow(env, WF.helloBad.id));
	check('bad API key: exit 1, execution error names the Hello node', () => {
		assert.equal(rBad.code, 1);
		const err = n8n.getExecutionError(rBad.execution);
		assert.ok(err, 'execution JSON with an error is printed on failure too');
		assert.equal(err.node, 'Hello');
		timings.badKeyError = err.message;
	});

	const rUnknown = await time('execute (unknown type)', () => n8n.executeWorkflow(env, WF.unknown.id));
	check('unknown node type: exit 1', () => {
		assert.equal(rUnknown.code, 1);
		const text = rUnknown.stdout + rUnknown.stderr;
		assert.match(text, /Unrecognized node type/);
	});

	// 3. the way n8n's own community-package installer lays it out
	const env2 = n8n.createN8nEnv({ version, userFolder: path.join(PROBE_DIR, `run-${version}-n8nstyle`) });
	fs.rmSync(env2.N8N_USER_FOLDER, { recursive: true, force: true });
	fs.mkdirSync(env2.N8N_USER_FOLDER, { recursive: true });
	await time('installCommunityPackage (n8n-style)', () => n8n.installCommunityPackage(env2, tarball, { strategy: 'n8n' }));
	const wfNoCreds = {
		id: 'e2eProbeHelloNc1',
		name: 'e2e probe: hello without creds',
		nodes: [trigger, code, { ...helloNode('x'), parameters: { greeting: 'n8n-style' }, credentials: undefined }],
		connections: { ...link('Manual', 'Code'), ...link('Code', 'Hello') },
	};
	await n8n.importWorkflow(env2, wfNoCreds);
	const rNs = await time('execute (hello, n8n-style install)', () => n8n.executeWorkflow(env2, wfNoCreds.id));
	check('n8n-style install: node loads and runs', () => {
		assert.equal(rNs.code, 0, rNs.stderr + rNs.stdout.slice(-3000));
		assert.equal(n8n.getNodeItems(rNs.execution, 'Hello')[1].greeting, 'n8n-style');
	});

	// 4. server + REST
	if (process.env.E2E_PROBE_SKIP_SERVER !== '1') {
		const server = await time('n8n start (until ready)', () => n8n.startN8n(env));
		try {
			await time('POST /rest/owner/setup', () => server.setupOwner());
			const me = await server.rest('GET', '/rest/login');
			check('owner set up and logged in (GET /rest/login returns the user)', () => assert.equal(me.email, 'owner@e2e.test'));

			const good = await time('POST /rest/credentials/test (good)', () =>
				server.testCredential({ id: 'e2eProbeCredGood', name: 'e2eProbeCredGood', type: 'helloApi', data: { url: stubUrl, apiKey: 'good' } }),
			);
			check(`credential test, good key -> ${JSON.stringify(good)}`, () => assert.equal(good.status, 'OK'));
			const bad = await server.testCredential({ id: 'e2eProbeCredBad1', name: 'e2eProbeCredBad1', type: 'helloApi', data: { url: stubUrl, apiKey: 'bad' } });
			check(`credential test, bad key -> ${JSON.stringify(bad)}`, () => assert.equal(bad.status, 'Error'));
			// data omitted: the stored (imported) values are used
			const stored = await server.testCredential({ id: 'e2eProbeCredGood', name: 'e2eProbeCredGood', type: 'helloApi' });
			check(`credential test with stored data only -> ${JSON.stringify(stored)}`, () => assert.equal(stored.status, 'OK'));

			const list = await time('POST /rest/dynamic-node-parameters/resource-locator-results', () =>
				server.listSearch({
					nodeType: HELLO_TYPE,
					methodName: 'searchThings',
					path: 'thing',
					currentNodeParameters: { greeting: 'x', thing: { __rl: true, mode: 'list', value: '' } },
					credentials: { helloApi: { id: 'e2eProbeCredGood', name: 'e2eProbeCredGood' } },
					filter: 'a',
				}),
			);
			check(`listSearch searchThings(filter 'a') -> ${JSON.stringify(list)}`, () =>
				assert.deepEqual(
					list.results.map((r) => r.value),
					['t1', 't2', 't3'],
				),
			);
			const list2 = await server.listSearch({
				nodeType: HELLO_TYPE,
				methodName: 'searchThings',
				path: 'thing',
				credentials: { helloApi: { id: 'e2eProbeCredGood', name: 'e2eProbeCredGood' } },
				filter: 'gam',
			});
			check('listSearch filter reaches the node', () => assert.deepEqual(list2.results, [{ name: 'Gamma', value: 't3' }]));
			const opts = await time('POST /rest/dynamic-node-parameters/options', () =>
				server.loadOptions({ nodeType: HELLO_TYPE, methodName: 'getColors', path: 'color' }),
			);
			check('loadOptions getColors', () => assert.deepEqual(opts.map((o) => o.value), ['red', 'blue']));
		} catch (err) {
			console.error(server.logs.slice(-5000));
			throw err;
		} finally {
			await time('n8n stop', () => server.stop());
		}
	}
	fs.writeFileSync(path.join(PROBE_DIR, `timings-${version}.json`), JSON.stringify(timings, null, 2));
	return timings;
}

async function main() {
	const versions = process.argv.slice(2).length ? process.argv.slice(2) : [n8n.OLD_VERSION, n8n.NEW_VERSION];
	fs.mkdirSync(PROBE_DIR, { recursive: true });
	const tarball = buildProbeTarball();
	console.log(`probe tarball: ${tarball}`);
	const stub = await startStubApi();
	const all = [];
	try {
		for (const v of versions) all.push(await probeVersion(v, tarball, stub));
	} finally {
		stub.close();
	}
	console.log('\ntimings (s):');
	const keys = [...new Set(all.flatMap((t) => Object.keys(t)))].filter((k) => k !== 'version' && k !== 'badKeyError');
	const rows = {};
	for (const k of keys) rows[k] = Object.fromEntries(all.map((t) => [t.version, t[k] === undefined ? '' : (t[k] / 1000).toFixed(1)]));
	console.table(rows);
	console.log(`${passed} passed, 0 failed`);
}

main().catch((err) => {
	console.error(err && err.stack ? err.stack : err);
	console.log(`${passed} passed, 1 failed`);
	process.exit(1);
});
