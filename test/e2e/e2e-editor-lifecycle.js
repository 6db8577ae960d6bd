'use strict';
/**
 * The editor session's last step: a consignment's whole life as one workflow on n8n's canvas
 * (order -> Create consignment -> Allocate -> Get PDF Label -> Manifest), built from the shipped
 * example webhook-order-create-allocate.json, executed from the canvas, checked against the
 * simulator, and photographed as workflow-lifecycle.png (the README shows the copy in docs/images/).
 */
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const { REPO_ROOT } = require('./n8n-cli');

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'webhook-order-create-allocate.json');
const IMAGE = 'workflow-lifecycle.png';
const LONG = { timeout: 90000 };

/** The example plus "Get PDF Label" and "Manifest" after its allocation. */
function lifecycleWorkflow() {
	const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
	const allocate = example.nodes.find((n) => n.name === 'Allocate with Next Day Super');
	assert.ok(allocate, 'the example has "Allocate with Next Day Super"');
	const [x, y] = allocate.position;
	const node = (name, dx, parameters) => ({
		id: `e0000000-0000-4000-8000-0000000001${dx}`,
		name,
		type: allocate.type,
		typeVersion: allocate.typeVersion,
		position: [x + dx * 220, y],
		parameters,
		credentials: allocate.credentials,
	});
	const label = node('Get PDF Label', 1, {
		resource: 'label',
		operation: 'get',
		consignmentReference: '={{ $json.ConsignmentReference }}',
		format: 'PDF',
		options: {},
	});
	const manifest = node('Manifest', 2, {
		resource: 'manifest',
		operation: 'manifestConsignments',
		consignmentReferences: '={{ $json.ConsignmentReference }}',
		requestMode: 'combine',
		options: {},
	});
	const link = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		name: "SortedPRO: a consignment's life, from the order to the manifest",
		nodes: [...example.nodes, label, manifest],
		connections: {
			...example.connections,
			[allocate.name]: link(label.name),
			[label.name]: link(manifest.name),
		},
		settings: example.settings || { executionOrder: 'v1' },
		active: false,
	};
}

/** s = the editor session's state (page, server, sim, images). */
async function consignmentLife(s) {
	const { page, server, sim } = s;
	const workflow = lifecycleWorkflow();
	const wf = await server.rest('POST', '/rest/workflows', workflow);
	await page.goto(`${server.baseUrl}/workflow/${wf.id}`);
	const canvasNode = (name) =>
		page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	await canvasNode('Manifest').waitFor(LONG);
	await page.getByTestId('execute-workflow-button').click();
	for (const n of workflow.nodes)
		await canvasNode(n.name).getByTestId('canvas-node-status-success').waitFor(LONG);

	const created = sim.requests.filter((r) => r.method === 'POST' && r.path === '/consignments');
	assert.equal(created.length, 2, 'POST /consignments count');
	// the simulator numbers created consignments from EC-NEW-000-001 after its reset
	for (const ref of ['EC-NEW-000-001', 'EC-NEW-000-002']) {
		assert.equal(sim.consignment(ref)?.state, 'Manifested', `${ref} ends Manifested`);
		assert.ok(
			sim.requests.some((r) => r.method === 'GET' && r.path === `/labels/${ref}/PDF`),
			`GET /labels/${ref}/PDF`,
		);
	}

	await page.getByTestId('zoom-to-fit').click();
	await page.mouse.move(0, 0);
	// the "executed successfully" notice would cover the last node
	for (const close of await page.locator('.el-notification__closeBtn').all())
		await close.click().catch(() => {});
	await page
		.locator('.el-notification')
		.waitFor({ state: 'hidden', timeout: 5000 })
		.catch(() => {});
	await page.waitForTimeout(500); // the zoom animates
	await page.screenshot({ path: path.join(s.images, IMAGE), clip: await around(page) });
}

/** The band of the canvas that holds the nodes, their names and the edge after the last one. */
async function around(page) {
	const boxes = [];
	for (const n of await page.locator('[data-test-id="canvas-node"]').all())
		boxes.push(await n.boundingBox());
	assert.ok(boxes.length > 0 && boxes.every(Boolean), 'canvas nodes have a place on the page');
	const view = page.viewportSize();
	const left = Math.max(0, Math.min(...boxes.map((b) => b.x)) - 100);
	const right = Math.min(view.width, Math.max(...boxes.map((b) => b.x + b.width)) + 130);
	const top = Math.max(0, Math.min(...boxes.map((b) => b.y)) - 60);
	const bottom = Math.min(view.height, Math.max(...boxes.map((b) => b.y + b.height)) + 130);
	return { x: left, y: top, width: right - left, height: bottom - top };
}

module.exports = { consignmentLife, lifecycleWorkflow, IMAGE };
