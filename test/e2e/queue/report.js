'use strict';
/**
 * One line per check ("ok   …" / "FAIL …"), timed steps ("..   step: X s"), and the summary
 * whose last line is "N passed, M failed".
 */
class Report {
	constructor() {
		this.passed = 0;
		this.failed = 0;
		this.failures = [];
		this.timings = [];
		this.check = this.check.bind(this);
		this.timed = this.timed.bind(this);
	}

	/** Runs one check; never throws. */
	async check(name, fn) {
		try {
			await fn();
			this.passed++;
			console.log(`ok   ${name}`);
		} catch (err) {
			this.fail(name, err);
		}
	}

	fail(name, err) {
		this.failed++;
		this.failures.push(name);
		const text =
			err && err.code === 'ERR_ASSERTION' ? err.message : (err && err.stack) || String(err);
		console.log(`FAIL ${name}\n      ${String(text).split('\n').slice(0, 30).join('\n      ')}`);
	}

	/** Runs fn, prints and records how long it took; rethrows. */
	async timed(name, fn) {
		const t0 = Date.now();
		try {
			return await fn();
		} finally {
			const s = ((Date.now() - t0) / 1000).toFixed(1);
			this.timings.push(`${s.padStart(7)} s  ${name}`);
			console.log(`..   ${name}: ${s} s`);
		}
	}

	/** Prints timings and the summary; resolves the exit code (1 when a check failed or none ran). */
	summary(totalMs) {
		console.log('\ntimings:');
		for (const t of this.timings) console.log(`  ${t}`);
		console.log(`  ${(totalMs / 1000).toFixed(1).padStart(7)} s  whole run`);
		if (this.failures.length)
			console.log(`\nfailed:\n${this.failures.map((f) => `  - ${f}`).join('\n')}`);
		console.log(`\n${this.passed} passed, ${this.failed} failed`);
		return this.failed === 0 && this.passed > 0 ? 0 : 1;
	}
}

module.exports = { Report };
