'use strict';
/**
 * HTTP plumbing: read the body, record the request, apply a queued fault or route it to
 * the API, write the answer, keep the counters.
 */
const http = require('http');
const { performance } = require('perf_hooks');
const { handleApiRequest, jsonAnswer } = require('./routes');
const { FAULT_HANDLERS } = require('./faults');
const { ApiError } = require('./errors');

/** @typedef {import('./faults').Answer} Answer */

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const CONTROL_PREFIX = '/__simulator/';

/** @param {string} url */
function splitUrl(url) {
	const q = url.indexOf('?');
	if (q < 0) return { path: url, query: {} };
	return { path: url.slice(0, q), query: Object.fromEntries(new URLSearchParams(url.slice(q + 1))) };
}

/** @param {import('http').ServerResponse} res @param {Answer} answer */
function send(res, answer) {
	const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
	res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(body.length) });
	res.end(body);
	return body.length;
}

/**
 * Test-harness routes under /__simulator/ (only with options.controlRoutes, e.g. from the
 * CLI): they skip auth and recording.
 * @param {any} ctx @param {string} method @param {string} path @param {string} raw
 * @returns {Answer}
 */
function controlRoute(ctx, method, path, raw) {
	const sub = path.slice(CONTROL_PREFIX.length);
	const c = ctx.control;
	if (method === 'GET' && sub === 'stats') return jsonAnswer(200, c.stats());
	if (method === 'GET' && sub === 'requests') return jsonAnswer(200, ctx.requests);
	if (method === 'GET' && sub.startsWith('consignments/')) {
		const found = c.consignment(decodeURIComponent(sub.slice('consignments/'.length)));
		return found ? jsonAnswer(200, found) : jsonAnswer(404, { message: 'unknown consignment' });
	}
	if (method === 'POST' && sub === 'reset') {
		c.reset();
		return jsonAnswer(200, { ok: true });
	}
	if (method === 'POST' && (sub === 'fail-next' || sub === 'consignments' || sub === 'options')) {
		let body;
		try {
			body = JSON.parse(raw || '{}');
			if (sub === 'fail-next') c.failNext(body.answer || body, body.times);
			else if (sub === 'consignments') c.addConsignments(Array.isArray(body) ? body : body.consignments || []);
			else for (const [k, v] of Object.entries(body)) c.setOption(k, k === 'autoCreate' && v ? new RegExp(String(v)) : v);
		} catch (e) {
			return jsonAnswer(400, { message: String(/** @type {Error} */ (e).message) });
		}
		return jsonAnswer(200, { ok: true });
	}
	return jsonAnswer(404, { message: 'unknown control route' });
}

/**
 * @param {any} ctx
 * @param {import('http').IncomingMessage} req
 * @param {import('http').ServerResponse} res
 * @param {string} raw
 */
async function processRequest(ctx, req, res, raw) {
	const t0 = performance.now();
	const method = req.method || 'GET';
	const { path, query } = splitUrl(req.url || '/');
	if (ctx.options.controlRoutes && path.startsWith(CONTROL_PREFIX)) {
		send(res, controlRoute(ctx, method, path, raw));
		return;
	}
	const { counters, options } = ctx;
	counters.requests++;
	counters.bytesIn += Buffer.byteLength(raw);
	const headers = { ...req.headers };
	const rec = {
		method,
		path,
		query,
		headers,
		body: options.recordBodies ? raw : undefined,
		contentType: /** @type {string | undefined} */ (req.headers['content-type']),
		accept: /** @type {string | undefined} */ (req.headers.accept),
		status: 0,
		time: Date.now(),
	};
	ctx.requests.push(rec);
	if (ctx.requests.length > options.maxRecordedRequests) ctx.requests.shift();

	/** @type {Answer} */
	let answer;
	try {
		const fault = ctx.faults.take(rec);
		if (fault) {
			counters.faultsApplied++;
			answer = FAULT_HANDLERS[fault.type](fault.spec);
		} else {
			answer = await handleApiRequest(ctx, { method, path, headers, rawBody: raw });
		}
	} catch (e) {
		// A bug in the simulator: answer 500 with the documented body and say so on stderr.
		process.stderr.write(`SortedPRO simulator: internal error: ${/** @type {Error} */ (e).stack}\n`);
		answer = jsonAnswer(500, new ApiError(500, 'InternalServerError', 'An unexpected error occurred').toBody());
	}
	rec.status = answer.status;
	counters.byStatus[answer.status] = (counters.byStatus[answer.status] || 0) + 1;
	// The hook runs before the answer is sent: a client that got its answer can rely on it.
	if (ctx.onRequest) {
		try {
			ctx.onRequest({ ...rec, body: raw });
		} catch (e) {
			process.stderr.write(`SortedPRO simulator: onRequest hook failed: ${/** @type {Error} */ (e).message}\n`);
		}
	}
	counters.bytesOut += send(res, answer);
	counters.busyMs += performance.now() - t0;
}

/** @param {any} ctx @returns {import('http').Server} */
function createHttpServer(ctx) {
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => {
			if (tooLarge) {
				send(res, jsonAnswer(413, new ApiError(413, 'RequestTooLarge', 'The request body is too large').toBody()));
				return;
			}
			processRequest(ctx, req, res, Buffer.concat(chunks).toString('utf8')).catch((e) => {
				process.stderr.write(`SortedPRO simulator: ${e && e.stack}\n`);
				if (!res.headersSent) res.writeHead(500).end();
			});
		});
		req.on('error', () => res.destroy());
	});
	server.keepAliveTimeout = 10_000;
	return server;
}

module.exports = { createHttpServer, send, splitUrl };
