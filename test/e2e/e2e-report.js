'use strict';
/**
 * Checks and timings of the real-n8n e2e runs (run-e2e.js, run-e2e-queue.js).
 *
 *   const report = new Report();
 *   await report.check('name', '2.8.4', async () => assert...);   // prints "ok   name [n8n 2.8.4]" or "FAIL ..."
 *   const x = await report.step('npm run build', '-', () => work());  // timed; a throw is one FAIL
 *   report.printTimings(); report.printSummary();                 // last line: "N passed, M failed"
 */
const util = require('node:util');

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function errorText(err) {
	const assertion = err && err.code === 'ERR_ASSERTION';
	const text = assertion ? err.message || '' : err && err.stack ? err.stack : util.inspect(err);
	return String(text)
		.split('\n')
		.slice(0, assertion ? 40 : 60)
		.join('\n      ');
}

class Report {
	constructor({ out = console.log } = {}) {
		this.out = out;
		this.passed = 0;
		this.failed = 0;
		this.failures = [];
		/** @type {{ scope: string, name: string, ms: number }[]} */
		this.timings = [];
	}

	label(name, scope) {
		return scope && scope !== '-' ? `${name} [n8n ${scope}]` : name;
	}

	/** Runs one check (sync or async). Never throws; returns true when it passed. */
	async check(name, scope, fn) {
		try {
			await fn();
			this.passed++;
			this.out(`ok   ${this.label(name, scope)}`);
			return true;
		} catch (err) {
			this.fail(name, scope, err);
			return false;
		}
	}

	/** Records a failure that is not an assertion (e.g. a step that could not run). */
	fail(name, scope, err) {
		this.failed++;
		this.failures.push(this.label(name, scope));
		this.out(`FAIL ${this.label(name, scope)}\n      ${errorText(err)}`);
	}

	/** Times fn and prints "..   name: X s"; rethrows after printing. */
	async time(name, scope, fn) {
		const t0 = Date.now();
		try {
			return await fn();
		} finally {
			this.addTiming(name, scope, Date.now() - t0);
			this.out(`..   ${this.label(name, scope)}: ${seconds(Date.now() - t0)}`);
		}
	}

	/**
	 * A timed step that must succeed for the run to go on: a throw counts as one FAIL named
	 * after the step and resolves to undefined (the caller skips what depends on it).
	 */
	async step(name, scope, fn) {
		try {
			return { value: await this.time(name, scope, fn) };
		} catch (err) {
			this.fail(name, scope, err);
			return undefined;
		}
	}

	addTiming(name, scope, ms) {
		this.timings.push({ scope, name, ms });
	}

	printTimings() {
		this.out('\ntimings:');
		for (const scope of new Set(this.timings.map((t) => t.scope))) {
			this.out(scope === '-' ? '  run' : `  n8n ${scope}`);
			for (const t of this.timings.filter((x) => x.scope === scope))
				this.out(`    ${seconds(t.ms).padStart(8)}  ${t.name}`);
		}
	}

	printSummary() {
		if (this.failures.length)
			this.out(`\nfailed:\n${this.failures.map((f) => `  - ${f}`).join('\n')}`);
		this.out(`\n${this.passed} passed, ${this.failed} failed`);
	}

	get ok() {
		return this.failed === 0 && this.passed > 0;
	}
}

module.exports = { Report, seconds };
