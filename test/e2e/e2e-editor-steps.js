'use strict';
/* global document -- functions passed to page.waitForFunction run in the browser */
/**
 * The steps of the editor session (e2e-editor.js). Each takes the session state
 * s = { page, report, version, sim, apiKey, wrongKey, images, orders, description } and throws
 * on what a user would see go wrong. Selectors are n8n's `data-test-id`s.
 */
const path = require('node:path');
const assert = require('node:assert/strict');
const { everyOperation } = require('./e2e-editor-operations');
const { pickShippingLocation } = require('./e2e-editor-pickers');

const LONG = { timeout: 90000 };

const shot = (s, name, locator) =>
	(locator || s.page).screenshot({ path: path.join(s.images, name) });
const ndv = (s) => s.page.getByTestId('ndv');
const param = (s, name) => ndv(s).getByTestId(`parameter-input-${name}`);
// the credential dialog (its test id sits on an inner element: find the dialog holding Save)
const modal = (s) =>
	s.page.getByRole('dialog').filter({ has: s.page.getByTestId('credential-save-button') });

async function chooseOption(s, paramName, optionName) {
	await param(s, paramName).click();
	// an option's accessible name also holds its description: match its headline exactly
	const headline = s.page.getByText(optionName, { exact: true });
	await s.page
		.getByRole('option')
		.filter({ visible: true })
		.filter({ has: headline })
		.first()
		.click();
}

async function openWorkflow(s, url) {
	await s.page.goto(url);
	await s.page.locator('[data-test-id="canvas-node"][data-node-name="Orders"]').waitFor(LONG);
}

async function addFromNodeCreator(s) {
	const { page } = s;
	await page.locator('[data-test-id="canvas-node"][data-node-name="Orders"]').click();
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill('SortedPRO');
	const item = page.getByTestId('node-creator-item-name').filter({ hasText: /^SortedPRO$/ });
	await item.waitFor();
	await shot(s, 'node-creator.png');
	await item.click();
	// the node creator lists every operation by its `action` text: pick Allocate With Carrier Service
	const action = s.description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => p.options)
		.find((o) => o.value === 'allocateWithCarrierService').action;
	await page.getByTestId('node-creator').getByText(action, { exact: true }).click();
	await ndv(s).waitFor();
}

async function openCredentialDialog(s) {
	const { page } = s;
	const select = ndv(s).getByTestId('node-credentials-select');
	if (await modal(s).isVisible()) return;
	await select.click();
	await page.getByTestId('node-credentials-select-item-new').click();
	await modal(s).waitFor();
}

/** Save; n8n then tests the credential. Waits for the test's answer and the expected notice. */
async function saveAndTest(s, expectOk) {
	const answer = s.page.waitForResponse((r) => r.url().includes('/rest/credentials/test'), LONG);
	await modal(s).getByTestId('credential-save-button').click();
	const body = await (await answer).json();
	const success = modal(s).getByTestId('credentials-config-container-test-success');
	const failure = modal(s).getByText(/Couldn.t connect with these settings/);
	const expected = expectOk ? success : failure;
	const seen = await expected.waitFor({ timeout: 10000 }).then(
		() => true,
		() => false,
	);
	const text = await modal(s).innerText();
	assert.ok(
		seen,
		`expected the ${expectOk ? 'success' : 'failure'} notice; test answer ${JSON.stringify(body)}; dialog: ${text}`,
	);
	assert.equal(body.data.status, expectOk ? 'OK' : 'Error', JSON.stringify(body));
	return text;
}

async function fillKey(s, key) {
	const input = modal(s).getByTestId('parameter-input-apiKey').locator('input');
	assert.equal(
		await input.getAttribute('type'),
		'password',
		'the API key field is a password field',
	);
	await input.fill(key);
}

async function createCredential(s) {
	await openCredentialDialog(s);
	await fillKey(s, s.apiKey);
	await modal(s).getByTestId('parameter-input-environment').click();
	await s.page.getByRole('option', { name: 'Custom Base URL', exact: true }).click();
	await modal(s).getByTestId('parameter-input-baseUrl').locator('input').fill(s.sim.baseUrl);
	await saveAndTest(s, true);
	const gets = s.sim.requests.filter((r) => r.path.toLowerCase() === '/carrierservices');
	assert.ok(
		gets.length >= 1 && gets[0].headers['ocp-apim-subscription-key'] === s.apiKey,
		'the test reached the simulator with the key',
	);
	await shot(s, 'credential.png', modal(s));
}

async function wrongKeyThenRight(s) {
	await fillKey(s, s.wrongKey);
	await saveAndTest(s, false);
	// n8n 2.8.4 shows its own 401 text here: the credential's responseCode rule is only applied
	// to errors that carry the raw response, which the routing node's errors do not.
	await modal(s).getByText('More details').click();
	const reason = modal(s).getByText(/SortedPRO rejected the API key|Authorization failed/);
	await reason.first().waitFor({ timeout: 10000 });
	const wrong = await modal(s).innerText();
	s.report.out(`..   editor: wrong-key notice: ${(await reason.first().innerText()).trim()}`);
	assert.ok(!wrong.includes(s.wrongKey), 'the dialog shows the key');
	await shot(s, 'credential-wrong-key.png', modal(s));
	await fillKey(s, s.apiKey);
	await saveAndTest(s, true);
	await modal(s).locator('.el-dialog__close').first().click();
	await modal(s).waitFor({ state: 'hidden' });
	await ndv(s).getByTestId('node-credentials-select').waitFor();
}

async function pickCarrierService(s) {
	const { page } = s;
	const rlc = ndv(s).getByTestId('resource-locator-carrierService');
	await rlc.getByTestId('rlc-input-container').click();
	const items = page.getByTestId('rlc-item').filter({ visible: true });
	const names = s.sim.carrierServices().map((c) => String(c.Name).trim());
	await items.first().waitFor();
	const shown = (await items.allInnerTexts()).map((t) => t.trim());
	for (const name of names)
		assert.ok(
			shown.some((t) => t.startsWith(name)),
			`"${name}" in the list: ${shown.join(' | ')}`,
		);
	await shot(s, 'carrier-service-list.png');
	await page.getByTestId('rlc-search').filter({ visible: true }).fill('next day');
	await page.waitForFunction(
		() =>
			[...document.querySelectorAll('[data-test-id="rlc-item"]')].filter((e) => e.offsetParent)
				.length === 1,
	);
	const filtered = (await items.allInnerTexts()).map((t) => t.trim());
	assert.deepEqual(
		filtered.map((t) => t.startsWith('Next Day Super')),
		[true],
		filtered.join(' | '),
	);
	await items.first().click();
	const chosen = rlc.getByTestId('rlc-input-container');
	const value = async () =>
		`${await chosen.innerText()} ${await chosen
			.locator('input')
			.first()
			.inputValue()
			.catch(() => '')}`;
	assert.match(await value(), /Next Day Super|CX_NDS/);
}

async function referencesFromExpression(s) {
	const { page } = s;
	const field = param(s, 'consignmentReferences');
	await field.locator('input, textarea').first().click();
	await page.keyboard.insertText('{{ $json.consignment }}');
	const editor = field.getByTestId('inline-expression-editor-input');
	await editor.waitFor();
	assert.match(await editor.innerText(), /\{\{ \$json\.consignment \}\}/);
	// leave the field (its preview closes) before the picture of the parameters
	await ndv(s).getByTestId('tab-params').click();
	await page
		.getByTestId('inline-expression-editor-output')
		.waitFor({ state: 'hidden' })
		.catch(() => {});
	await shot(s, 'node-parameters.png', ndv(s));
}

async function execute(s) {
	await ndv(s).getByTestId('node-execute-button').click();
	await s.page
		.getByTestId('output-panel')
		.getByTestId('ndv-executing')
		.waitFor({ state: 'hidden', ...LONG });
}

async function executeStop(s) {
	await execute(s);
	const out = s.page.getByTestId('output-panel');
	await out.getByTestId('node-error-message').waitFor(LONG);
	const text = await out.innerText();
	assert.ok(
		text.includes('EC-000-999-UNK'),
		`the error names EC-000-999-UNK: ${text.slice(0, 1500)}`,
	);
}

async function setOnError(s, optionName) {
	await ndv(s).getByTestId('tab-settings').click();
	await chooseOption(s, 'onError', optionName);
	await ndv(s).getByTestId('tab-params').click();
}

async function executeErrorOutput(s) {
	await setOnError(s, 'Continue (using error output)');
	await execute(s);
	const out = s.page.getByTestId('output-panel');
	await out.getByTestId('ndv-data-container').waitFor(LONG);
	const branches = out.getByTestId('branches');
	await branches.getByText(/Success/).click();
	await out
		.getByTestId('ndv-run-data-display-mode')
		.getByText('Table')
		.click()
		.catch(() => {});
	const rows = out.locator('[data-test-id="ndv-data-container"] table tbody tr');
	await rows.first().waitFor();
	const success = await rows.allInnerTexts();
	const known = s.orders.filter((r) => !r.endsWith('UNK'));
	assert.equal(success.length, known.length, `success rows: ${success.join(' | ')}`);
	known.forEach((ref, i) =>
		assert.ok(success[i].includes(ref), `row ${i} shows ${ref}: ${success[i]}`),
	);
	await shot(s, 'result.png');
	await branches.getByText(/Error/).click();
	await out.getByText('EC-000-999-UNK').first().waitFor();
	assert.equal(await rows.count(), 1, 'one row on the error branch');
	await shot(s, 'result-error-branch.png');
}

module.exports = {
	openWorkflow,
	addFromNodeCreator,
	createCredential,
	wrongKeyThenRight,
	pickCarrierService,
	pickShippingLocation: (s) => pickShippingLocation(s, { chooseOption, ndv, shot }),
	referencesFromExpression,
	executeStop,
	executeErrorOutput,
	everyOperation: (s) => everyOperation(s, { chooseOption, ndv }),
};
