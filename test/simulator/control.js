'use strict';
/**
 * Test-harness routes under /__simulator/ (only with options.controlRoutes, e.g. from the
 * CLI): they skip auth, recording and faults. Bodies are JSON.
 */
const { jsonAnswer } = require('./http-answers');
const { randomFaultPlan } = require('./faults');

const CONTROL_PREFIX = '/__simulator/';

/** @typedef {import('./faults').Answer} Answer */

/** @param {string} raw */
const parse = (raw) => JSON.parse(raw || 'null');

/**
 * @param {any} ctx @param {string} method @param {string} path @param {string} raw
 * @returns {Answer}
 */
function controlRoute(ctx, method, path, raw) {
	const sub = path.slice(CONTROL_PREFIX.length);
	/** @type {import('./types').Simulator} */
	const c = ctx.control;
	if (method === 'GET' && sub === 'stats') return jsonAnswer(200, c.stats());
	if (method === 'GET' && sub === 'requests') return jsonAnswer(200, ctx.requests);
	if (method === 'GET' && sub === 'latency') return jsonAnswer(200, ctx.latency.stats());
	if (method === 'GET' && sub === 'consignment-states')
		return jsonAnswer(200, c.consignmentStates());
	if (method === 'GET' && sub === 'faults') {
		return jsonAnswer(200, {
			pending: ctx.faults.pending,
			faults: ctx.faults.list(),
			plan: !!ctx.faults.plan,
		});
	}
	if (method === 'GET' && sub.startsWith('consignments/')) {
		const found = c.consignment(decodeURIComponent(sub.slice('consignments/'.length)));
		return found ? jsonAnswer(200, found) : jsonAnswer(404, { message: 'unknown consignment' });
	}
	if (method === 'POST' && sub === 'reset') {
		c.reset();
		return jsonAnswer(200, { ok: true });
	}
	if (method === 'DELETE' && sub === 'faults') {
		c.clearFaults();
		return jsonAnswer(200, { ok: true });
	}
	const POSTS = [
		'fail-next',
		'consignments',
		'options',
		'faults',
		'fault-plan',
		'latency',
		'events',
		'states',
	];
	if (method === 'POST' && POSTS.includes(sub)) {
		try {
			const body = parse(raw);
			const obj = body ?? {};
			if (sub === 'fail-next') c.failNext(obj.answer || obj, obj.times);
			else if (sub === 'consignments')
				c.addConsignments(Array.isArray(obj) ? obj : obj.consignments || []);
			else if (sub === 'faults') c.injectFaults(Array.isArray(obj) ? obj : obj.faults);
			else if (sub === 'latency') c.setLatency(body);
			else if (sub === 'events') c.addEvents(Array.isArray(obj) ? obj : []);
			else if (sub === 'states')
				for (const [reference, state] of Object.entries(obj)) c.setState(reference, String(state));
			else if (sub === 'fault-plan') c.setFaultPlan(obj.faults ? randomFaultPlan(obj) : null);
			else
				for (const [k, v] of Object.entries(obj))
					c.setOption(/** @type {any} */ (k), k === 'autoCreate' && v ? new RegExp(String(v)) : v);
		} catch (e) {
			return jsonAnswer(400, { message: String(/** @type {Error} */ (e).message) });
		}
		return jsonAnswer(200, { ok: true, faultsPending: ctx.faults.pending });
	}
	return jsonAnswer(404, { message: 'unknown control route' });
}

module.exports = { controlRoute, CONTROL_PREFIX };
