'use strict';
/* global document, window -- functions passed to page.evaluate run in the browser */
/**
 * The node in n8n's editor, in headless Chromium (playwright-core driving Debian's
 * chromium-headless-shell), against a started n8n with the package installed: what a new user
 * does, one check per step, with screenshots into .cache/e2e/images/ (docs/images/, which the
 * README shows, with E2E_UPDATE_IMAGES=1).
 *
 * A workflow "Manual Trigger -> Orders (Code: 4 rows, one unknown consignment)" is created
 * over REST; in the editor the session adds SortedPRO from the node creator, creates the
 * credential in its dialog (Custom Base URL = the simulator; test OK, then a wrong key fails,
 * then the right key again), picks the carrier service from the list (filtered), sets the
 * references from an expression, executes (On Error "Stop": the error is shown; "Continue
 * (using error output)": 3 rows on Success, the unknown consignment on Error), and finally
 * opens every resource and operation the node describes and checks their parameters render;
 * last, a consignment's whole life runs on the canvas (e2e-editor-lifecycle.js).
 */
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const { REPO_ROOT, E2E_DIR } = require('./n8n-cli');
const ui = require('./e2e-editor-steps');
const { consignmentLife } = require('./e2e-editor-lifecycle');

// The README's screenshots are refreshed only on request, so a run leaves the checkout unchanged.
const IMAGES =
	process.env.E2E_UPDATE_IMAGES === '1'
		? path.join(REPO_ROOT, 'docs', 'images')
		: path.join(E2E_DIR, 'images');
const NODE_TYPE = 'n8n-nodes-sortedpro.sortedPro';
const ORDERS = ['EC-000-2B1-ER1', 'EC-000-999-UNK', 'EC-000-2B3-ER3', 'EC-000-2B4-ER4'];
const CHROMIUM_ARGS =
	'--no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking ' +
	'--disable-component-update --disable-sync --no-first-run';
const BROWSER_PATHS = [
	process.env.E2E_CHROMIUM,
	'/usr/bin/chromium-headless-shell',
	'/usr/bin/chromium',
];

function baseWorkflow() {
	const rows = ORDERS.map(
		(c, i) => `  { json: { order: ${2001 + i}, consignment: '${c}' } },`,
	).join('\n');
	return {
		name: 'SortedPRO in the editor',
		nodes: [
			{
				id: 'e0000000-0000-4000-8000-000000000001',
				name: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'e0000000-0000-4000-8000-000000000002',
				name: 'Orders',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return [\n${rows}\n];` },
			},
		],
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'Orders', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/**
 * ctx = { report, version, server (logged in), sim, apiKey, wrongKey }. Always closes the browser.
 * Returns the texts the session saw (for the API-key check of the caller).
 */
async function runEditorSession(ctx) {
	const { report, version, server, sim, apiKey, wrongKey } = ctx;
	const executablePath = BROWSER_PATHS.find((p) => p && fs.existsSync(p));
	const texts = {};
	if (!executablePath) {
		const err = new Error('none found: run test/e2e/install-browser.sh');
		report.fail('editor: a Chromium is installed', version, err);
		return texts;
	}
	fs.mkdirSync(IMAGES, { recursive: true });
	const { chromium, selectors } = require('playwright-core');
	selectors.setTestIdAttribute('data-test-id');
	const browser = await chromium.launch({
		executablePath,
		headless: true,
		args: CHROMIUM_ARGS.split(' '),
	});
	const s = { report, version, sim, apiKey, wrongKey, images: IMAGES, orders: ORDERS };
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		await context.addCookies([
			{ name: 'n8n-auth', value: server.cookie.split('=')[1], domain: '127.0.0.1', path: '/' },
		]);
		await context.addInitScript(
			(id) => window.localStorage.setItem('n8n-browserId', id),
			server.browserId,
		);
		const page = await context.newPage();
		page.setDefaultTimeout(20000);
		s.page = page;
		s.server = server;
		const wf = await server.rest('POST', '/rest/workflows', baseWorkflow());
		const [description] = await server.rest('POST', '/rest/node-types', {
			nodeInfos: [{ name: NODE_TYPE, version: 1 }],
		});
		s.description = description;

		const steps = [
			[
				'editor: the workflow opens (Manual Trigger + Orders)',
				() => ui.openWorkflow(s, `${server.baseUrl}/workflow/${wf.id}`),
			],
			[
				'editor: node creator finds "SortedPRO"; its action adds it after Orders',
				() => ui.addFromNodeCreator(s),
			],
			[
				'editor: credential dialog, Custom Base URL -> simulator: test succeeds; key field is a password field',
				() => ui.createCredential(s),
			],
			[
				'editor: credential dialog, wrong key -> the failure is shown; right key again -> success',
				() => ui.wrongKeyThenRight(s),
			],
			[
				"editor: Carrier Service From List shows the simulator's services; filter 'next day'; pick",
				() => ui.pickCarrierService(s),
			],
			[
				'editor: Consignment References from an expression ({{ $json.consignment }})',
				() => ui.referencesFromExpression(s),
			],
			[
				'editor: execute with On Error "Stop": the node error names the unknown consignment',
				() => ui.executeStop(s),
			],
			[
				'editor: "Continue (using error output)": 3 rows on Success, the unknown consignment on Error',
				() => ui.executeErrorOutput(s),
			],
			[
				'editor: every resource and operation of the node renders its parameters',
				() => ui.everyOperation(s),
			],
			[
				"editor: Create's Origin Shipping Location From List shows the simulator's locations; filter 'warehouse'; pick",
				() => ui.pickShippingLocation(s),
			],
			[
				"editor: a consignment's life on the canvas (order, create, allocate, label, manifest) runs; screenshot",
				() => consignmentLife(s),
			],
		];
		for (const [name, fn] of steps) {
			const ok = await report.check(name, version, async () => {
				sim.reset();
				await fn();
			});
			if (!ok) {
				// what the page looked like, for the one reading the failure
				await page.screenshot({ path: path.join(E2E_DIR, 'editor-failure.png') }).catch(() => {});
				fs.writeFileSync(
					path.join(E2E_DIR, 'editor-failure.html'),
					await page.content().catch(() => ''),
				);
				break;
			}
		}
		texts.editorPage = await page.evaluate(() => document.body.innerText).catch(() => '');
		await report.check('editor: no API key in the page text', version, () => {
			assert.ok(!texts.editorPage.includes(apiKey) && !texts.editorPage.includes(wrongKey));
		});
	} finally {
		await browser.close();
	}
	return texts;
}

module.exports = { runEditorSession };
