'use strict';
/**
 * Child processes of the queue-mode e2e run: each one logs to its own file, is remembered by
 * PID and stopped by PID (SIGTERM, then SIGKILL), also when the run fails or is interrupted.
 */
const fs = require('node:fs');
const http = require('node:http');
const { spawn } = require('node:child_process');

/** @type {Set<Proc>} */
const live = new Set();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class Proc {
	/**
	 * @param {string} name  short label for messages
	 * @param {string} cmd
	 * @param {string[]} args
	 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, logFile: string, uid?: number, gid?: number }} opts
	 */
	constructor(name, cmd, args, { env = process.env, cwd, logFile, uid, gid }) {
		this.name = name;
		this.logFile = logFile;
		const fd = fs.openSync(logFile, 'w');
		this.child = spawn(cmd, args, { env, cwd, uid, gid, stdio: ['ignore', fd, fd] });
		fs.closeSync(fd);
		this.pid = this.child.pid;
		this.exited = false;
		this.exitCode = undefined;
		this.exitPromise = new Promise((resolve) => {
			this.child.on('exit', (code, signal) => {
				this.exited = true;
				this.exitCode = code === null ? signal : code;
				live.delete(this);
				resolve(this.exitCode);
			});
			this.child.on('error', (err) => {
				this.exited = true;
				this.exitCode = err.message;
				live.delete(this);
				resolve(this.exitCode);
			});
		});
		live.add(this);
	}

	/** The whole log so far. */
	log() {
		try {
			return fs.readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	tail(lines = 30) {
		return this.log().split('\n').slice(-lines).join('\n');
	}

	/** Resolves when `probe()` is truthy; rejects when the process exits first or time runs out. */
	async waitFor(what, probe, timeoutMs) {
		const t0 = Date.now();
		while (Date.now() - t0 < timeoutMs) {
			if (this.exited) throw new Error(`${this.name} exited (${this.exitCode}) before ${what}:\n${this.tail()}`);
			try {
				if (await probe()) return Date.now() - t0;
			} catch {
				/* not ready yet */
			}
			await sleep(250);
		}
		throw new Error(`${this.name}: no ${what} after ${timeoutMs} ms:\n${this.tail()}`);
	}

	/** Waits until the log matches `re`. */
	waitForLog(re, timeoutMs) {
		return this.waitFor(`log line ${re}`, () => re.test(this.log()), timeoutMs);
	}

	/** SIGTERM (or `signal`), SIGKILL after `timeoutMs`. Resolves the exit code or signal. */
	async stop({ signal = 'SIGTERM', timeoutMs = 20000 } = {}) {
		if (this.exited) return this.exitCode;
		try {
			process.kill(this.pid, signal);
		} catch {
			/* already gone */
		}
		const timer = setTimeout(() => {
			try {
				process.kill(this.pid, 'SIGKILL');
			} catch {
				/* already gone */
			}
		}, timeoutMs);
		const code = await this.exitPromise;
		clearTimeout(timer);
		return code;
	}
}

/** Kills every process still running (last resort on exit or interruption). */
function killAll() {
	for (const p of live) {
		try {
			process.kill(p.pid, 'SIGKILL');
		} catch {
			/* already gone */
		}
	}
}
process.once('exit', killAll);

/** GET on 127.0.0.1; resolves { status, text, json, headers }. */
function httpRequest(method, url, { body, headers = {}, timeoutMs = 10000 } = {}) {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
		const req = http.request(
			url,
			{
				method,
				timeout: timeoutMs,
				headers: {
					...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}),
					...headers,
				},
			},
			(res) => {
				const chunks = [];
				res.on('data', (d) => chunks.push(d));
				res.on('end', () => {
					const buffer = Buffer.concat(chunks);
					const text = buffer.toString('utf8');
					let json;
					try {
						json = text ? JSON.parse(text) : undefined;
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode, headers: res.headers, buffer, text, json });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
		req.on('error', reject);
		if (data) req.write(data);
		req.end();
	});
}

module.exports = { Proc, killAll, httpRequest, sleep, live };
