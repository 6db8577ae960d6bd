'use strict';
/**
 * A file (binary data) made on a worker by Convert to File and sent to the webhook caller by the
 * main: it must travel through the binary data store all processes share (`database` mode:
 * PostgreSQL's binary_data table), never through one process's disk.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const assert = require('node:assert/strict');
const { httpRequest } = require('./processes');
const { psql } = require('./services');
const cluster = require('./cluster');
const { checkWorkersRan, trackingOf, CARRIER_SERVICE } = require('./checks');

/** Files under dir (recursively); [] when it does not exist. */
function filesUnder(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir, { recursive: true })
		.filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

async function binaryChecks(ctx, { label, webhookPath }) {
	const { main, pg, check, timed } = ctx;
	const references = Array.from(
		{ length: 50 },
		(_, i) => `EC-QFILE-${String(i).padStart(3, '0')}-${crypto.randomBytes(2).toString('hex')}`,
	);
	const enqueuedBefore = cluster.enqueuedIds(main.log()).length;
	const url = `${main.baseUrl}/webhook/${webhookPath}`;
	const res = await timed(`${label}: POST (Convert to File on a worker)`, () =>
		httpRequest('POST', url, {
			body: { carrierService: CARRIER_SERVICE, references },
			timeoutMs: 120000,
		}),
	);
	ctx.responses.push(res.text);
	await check(`${label}: 200 with the binary property's MIME type (application/json)`, () => {
		assert.equal(res.status, 200, res.text.slice(0, 300));
		assert.match(String(res.headers['content-type']), /^application\/json/);
	});
	await check(`${label}: the file holds the 50 allocations made on the worker`, () => {
		const items = JSON.parse(res.text);
		assert.deepEqual(items.map((i) => i.ConsignmentReference).sort(), [...references].sort());
		assert.ok(items.every((i) => i.StatusCode === 200 && trackingOf(i).length === 1));
	});
	const ids = cluster.enqueuedIds(main.log()).slice(enqueuedBefore);
	await checkWorkersRan(ctx, label, ids, 1);
	await check(
		`${label}: binary data mode "${cluster.BINARY_DATA_MODE}", the file is one row of PostgreSQL's binary_data for that execution, byte for byte what the caller got`,
		() => {
			const rows = psql(
				pg,
				`SELECT "sourceType", "sourceId", "fileName", "mimeType", "fileSize" FROM binary_data WHERE "sourceId" = '${ids[0]}'`,
			);
			assert.equal(rows.length, 1, JSON.stringify(rows));
			const [sourceType, , fileName, mimeType, fileSize] = rows[0];
			assert.deepEqual(
				[sourceType, fileName, mimeType, Number(fileSize)],
				['execution', 'allocations.json', 'application/json', res.buffer.length],
			);
			const md5 = psql(pg, `SELECT md5(data) FROM binary_data WHERE "sourceId" = '${ids[0]}'`);
			assert.deepEqual(
				md5,
				[[crypto.createHash('md5').update(res.buffer).digest('hex')]],
				'the caller got the stored bytes',
			);
			const data = psql(
				pg,
				`SELECT position('"database:' in data) > 0 FROM execution_data WHERE "executionId" = '${ids[0]}'`,
			);
			assert.deepEqual(data, [['t']], 'the execution refers to the file as database:<id>');
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

module.exports = { binaryChecks };
