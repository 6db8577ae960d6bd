'use strict';
/* global document -- functions passed to page.waitForFunction run in the browser */
/** Editor steps of the pickers of reference lists (e2e-editor.js); helpers from e2e-editor-steps.js. */
const assert = require('node:assert/strict');
const { DEFAULT_SHIPPING_LOCATIONS } = require('../simulator/defaults');

/**
 * Consignment → Create, Origin Shipping Location From List: the simulator's shipping locations
 * (GET /shippinglocations), a screenshot, filter 'warehouse', pick, as pickCarrierService does
 * for Carrier Service. The node's panel is open (everyOperation leaves it so).
 */
async function pickShippingLocation(s, { chooseOption, ndv, shot }) {
	const { page } = s;
	await chooseOption(s, 'resource', 'Consignment');
	await chooseOption(s, 'operation', 'Create');
	const rlc = ndv(s).getByTestId('resource-locator-originShippingLocationReference');
	await rlc.getByTestId('rlc-input-container').click();
	const items = page.getByTestId('rlc-item').filter({ visible: true });
	await items.first().waitFor();
	const shown = (await items.allInnerTexts()).map((t) => t.trim());
	for (const { Name } of DEFAULT_SHIPPING_LOCATIONS)
		assert.ok(
			shown.some((t) => t.startsWith(Name)),
			`"${Name}" in the list: ${shown.join(' | ')}`,
		);
	await shot(s, 'shipping-location-list.png');
	await page.getByTestId('rlc-search').filter({ visible: true }).fill('warehouse');
	await page.waitForFunction(
		() =>
			[...document.querySelectorAll('[data-test-id="rlc-item"]')].filter((e) => e.offsetParent)
				.length === 1,
	);
	await items.first().click();
	const chosen = rlc.getByTestId('rlc-input-container');
	const value = `${await chosen.innerText()} ${await chosen
		.locator('input')
		.first()
		.inputValue()
		.catch(() => '')}`;
	assert.match(value, /Manchester Warehouse|Location1/);
	assert.ok(
		s.sim.requests.some((r) => r.path.toLowerCase() === '/shippinglocations'),
		'the list was asked of GET /shippinglocations',
	);
}

module.exports = { pickShippingLocation };
