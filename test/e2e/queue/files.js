'use strict';
/**
 * A label (binary data) fetched on a worker by SortedPRO Label → Get and sent to the webhook
 * caller by the main: it must travel through the binary data store all processes share
 * (`database` mode: PostgreSQL's binary_data table), never through one process's disk, and the
 * execution data must refer to it (`database:<id>`) instead of holding it.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const assert = require('node:assert/strict');
const { httpJson } = require('../n8n-server');
const { psql } = require('./services');
const cluster = require('./cluster');
const { checkWorkersRan, postReferences } = require('./checks');

/** Files under dir (recursively); [] when it does not exist. */
function filesUnder(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir, { recursive: true })
		.filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

/** The simulator's own PDF label of a consignment (GET /labels/{ref}/PDF, File decoded). */
async function simulatorLabel(sim, apiKey, reference) {
	const res = await httpJson('GET', `${sim.baseUrl}/labels/${encodeURIComponent(reference)}/PDF`, {
		headers: { 'ocp-apim-subscription-key': apiKey, 'electio-api-version': '1.1' },
	});
	assert.equal(res.status, 200, `simulator label: ${res.text.slice(0, 300)}`);
	return Buffer.from(res.body.File, 'base64');
}

const md5 = (buffer) => crypto.createHash('md5').update(buffer).digest('hex');

async function labelChecks(ctx, { label, webhookPath }) {
	const { main, sim, pg, check, timed, apiKey } = ctx;
	const reference = `EC-QLABEL-${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
	const enqueuedBefore = cluster.enqueuedIds(main.log()).length;
	const res = await timed(`${label}: POST (allocate, Label → Get on a worker)`, () =>
		postReferences(main, webhookPath, [reference]),
	);
	ctx.responses.push(res.text);
	const expected = await simulatorLabel(sim, apiKey, reference);
	await check(`${label}: 200 application/pdf, byte for byte the simulator's label (%PDF-)`, () => {
		assert.equal(res.status, 200, res.text.slice(0, 300));
		assert.match(String(res.headers['content-type']), /^application\/pdf/);
		assert.equal(res.buffer.subarray(0, 5).toString('latin1'), '%PDF-');
		assert.ok(res.buffer.equals(expected), `${res.buffer.length} vs ${expected.length} bytes`);
	});
	const ids = cluster.enqueuedIds(main.log()).slice(enqueuedBefore);
	await checkWorkersRan(ctx, label, ids, 1);
	await check(
		`${label}: binary data mode "${cluster.BINARY_DATA_MODE}", the label is in PostgreSQL's binary_data for that execution (name, type, size, md5)`,
		() => {
			const rows = psql(
				pg,
				`SELECT "sourceType", "fileName", "mimeType", "fileSize", md5(data) FROM binary_data WHERE "sourceId" = '${ids[0]}'`,
			);
			assert.ok(rows.length >= 1, 'no binary_data row');
			for (const [sourceType, fileName, mimeType, fileSize, hash] of rows)
				assert.deepEqual(
					[sourceType, fileName, mimeType, Number(fileSize), hash],
					['execution', `${reference}.pdf`, 'application/pdf', expected.length, md5(expected)],
				);
		},
	);
	await check(
		`${label}: the execution data refers to "database:<id>" and does not hold the label's base64`,
		() => {
			const base64 = expected.toString('base64');
			const data = psql(
				pg,
				`SELECT position('"database:' in data) > 0, position('${base64}' in data) > 0, length(data) FROM execution_data WHERE "executionId" = '${ids[0]}'`,
			);
			assert.equal(data.length, 1, JSON.stringify(data));
			assert.deepEqual(data[0].slice(0, 2), ['t', 'f'], `execution data: ${data[0][2]} chars`);
		},
	);
	// `filesystem` mode would have put it under the worker's .n8n/storage/…/binary_data/, where
	// the main cannot read it (it then answers 500 "There was a problem executing the workflow").
	await check(
		`${label}: no binary data on any process's disk (no binary_data file under .n8n/storage)`,
		() => {
			for (const p of [main, ...ctx.workers]) {
				const dir = path.join(p.userFolder, '.n8n', 'storage');
				assert.deepEqual(
					filesUnder(dir).filter((f) => f.includes('binary_data')),
					[],
					dir,
				);
			}
		},
	);
}

module.exports = { labelChecks };
