'use strict';
/**
 * Long-running child processes of the e2e runs (`n8n start`; in queue mode every process): each
 * logs to its own file, is remembered by PID and stopped by PID (SIGTERM, then SIGKILL), also
 * when the run fails or is interrupted; so are the commands of `run` (n8n-env.js).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { runningChildren } = require('./n8n-env');

/** @type {Set<Proc>} */
const live = new Set();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class Proc {
	/**
	 * @param {string} name  short label for messages
	 * @param {string} cmd
	 * @param {string[]} args
	 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, logFile: string, uid?: number, gid?: number,
	 *   stopSignal?: NodeJS.Signals, stopFirst?: boolean, group?: boolean }} opts  stopSignal: how
	 *   `stop()` ends it (default SIGTERM); stopFirst: `stopAll()` stops it before the others;
	 *   group: signals go to its whole process group (a command with children of its own)
	 */
	constructor(
		name,
		cmd,
		args,
		{ env = process.env, cwd, logFile, uid, gid, stopSignal = 'SIGTERM', stopFirst, group },
	) {
		this.name = name;
		this.logFile = logFile;
		this.stopSignal = stopSignal;
		this.stopFirst = !!stopFirst;
		this.group = !!group;
		const fd = fs.openSync(logFile, 'w');
		const detached = this.group; // its own process group, signalled as a whole
		this.child = spawn(cmd, args, { env, cwd, uid, gid, detached, stdio: ['ignore', fd, fd] });
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

	/** Sends a signal to the process (or its group); false when it is gone. */
	signal(sig) {
		try {
			process.kill(this.group ? -this.pid : this.pid, sig);
			return true;
		} catch {
			return false;
		}
	}

	/** Resolves the exit code; rejects with the log's tail unless it is 0. */
	async succeeded() {
		const code = await this.exitPromise;
		if (code !== 0)
			throw new Error(`${this.name} exited ${code} (${this.logFile}):\n${this.tail(40)}`);
		return this.log();
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
			if (this.exited)
				throw new Error(`${this.name} exited (${this.exitCode}) before ${what}:\n${this.tail()}`);
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

	/** Its stop signal (or `signal`), SIGKILL after `timeoutMs`. Resolves the exit code or signal. */
	async stop({ signal = this.stopSignal, timeoutMs = 20000 } = {}) {
		if (this.exited) return this.exitCode;
		this.signal(signal);
		const timer = setTimeout(() => this.signal('SIGKILL'), timeoutMs);
		const code = await this.exitPromise;
		clearTimeout(timer);
		return code;
	}
}

/**
 * A command the e2e library's `run` started (build, pack, npm install, install-n8n.sh) and that
 * still runs: stopped by PID, SIGTERM then SIGKILL after 20 s. Resolves { name, pid, exitCode }.
 */
async function stopCommand(child) {
	const name = child.spawnargs
		.slice(0, 2)
		.map((a) => a.split('/').pop())
		.join(' ');
	const exited = new Promise((resolve) =>
		child.exitCode !== null || child.signalCode !== null
			? resolve()
			: child.once('exit', () => resolve()),
	);
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
	await exited;
	clearTimeout(timer);
	return { name, pid: child.pid, exitCode: child.exitCode ?? child.signalCode };
}

/**
 * Stops every process still running, by PID: those started with `stopFirst` (n8n, which holds
 * connections to Redis and PostgreSQL) first, then the others, and the commands of the e2e
 * library's `run` still running. Resolves the processes stopped.
 */
async function stopAll() {
	const stopped = [];
	// Again while something is left: a start that was under way may add a process meanwhile.
	for (let round = 0; round < 5 && (live.size || runningChildren.size); round++) {
		stopped.push(...live);
		await Promise.all([...live].filter((p) => p.stopFirst).map((p) => p.stop()));
		stopped.push(...(await Promise.all([...runningChildren].map(stopCommand))));
		await Promise.all([...live].map((p) => p.stop()));
		await sleep(200);
	}
	return stopped;
}

/** Kills every process still running (last resort on exit or interruption). */
function killAll() {
	for (const p of live) p.signal('SIGKILL');
	for (const child of runningChildren) child.kill('SIGKILL');
}
process.once('exit', killAll);

/**
 * The SortedPRO simulator as its own process (test/simulator/cli.js) on a free port, `EC-`
 * references auto-created, the key from the environment (not argv), with recordFile every API
 * request written there (without the key). Resolves the Proc with `baseUrl`.
 */
async function startSimulator({ apiKey, logFile, recordFile, args = [] }) {
	const cli = path.join(__dirname, '..', 'simulator', 'cli.js');
	args = [cli, '--port', '0', '--auto-create', '^EC-', '--no-record-bodies', ...args];
	if (recordFile) args.push('--record-file', recordFile);
	const env = { ...process.env, SORTEDPRO_SIM_API_KEY: apiKey };
	const proc = new Proc('simulator', process.execPath, args, { env, logFile });
	await proc.waitForLog(/listening on http:\/\/127\.0\.0\.1:\d+/, 20000);
	proc.baseUrl = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(proc.log())[1];
	proc.recordFile = recordFile;
	return proc;
}

module.exports = { Proc, stopAll, killAll, sleep, startSimulator };
