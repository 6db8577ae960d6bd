/** Child processes of the bench: the simulator (its own process) and one process per scenario run. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import { API_KEY, type ChildResult, control } from './common';

/** The package root (this file runs from <root>/.cache/bench-build/test/bench). */
export const ROOT = (() => {
	for (let dir = __dirname; dir !== resolve(dir, '..'); dir = resolve(dir, '..')) {
		const pkg = join(dir, 'package.json');
		if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'n8n-nodes-sortedpro')
			return dir;
	}
	throw new Error(`package root not found above ${__dirname}`);
})();

export interface SimulatorStats {
	requests: number;
	allocationRequests: number;
	summaries: number;
	consignmentsAllocated: number;
	consignmentsInWrongState: number;
	consignmentsNotFound: number;
	bytesIn: number;
	bytesOut: number;
	busyMs: number;
	consignmentsPerBusySecond: number;
	requestsPerBusySecond: number;
	byStatus: Record<string, number>;
	/** the latency model (test/simulator/latency.js): 429s from its concurrent-request limit, peak in flight */
	latency?: { rateLimited: number; peakConcurrent: number; concurrentRequestLimit: number };
}

export interface SimulatorProcess {
	baseUrl: string;
	pid: number;
	stats(): Promise<SimulatorStats>;
	reset(): Promise<void>;
	/** consignments the simulator holds, by state */
	states(): Promise<Record<string, number>>;
	/** CPU time the simulator process has used so far (ms, user + system), from /proc. */
	cpuMs(): number | undefined;
	stop(): Promise<void>;
}

/** `node test/simulator/cli.js --port 0 …` in its own process, so its CPU time and memory are not the node's. */
export async function startSimulatorProcess(): Promise<SimulatorProcess> {
	const cli = join(ROOT, 'test/simulator/cli.js');
	const args = `--port 0 --api-key ${API_KEY} --auto-create ^EC- --no-record-bodies`.split(' ');
	const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
	const baseUrl = await new Promise<string>((resolveUrl, reject) => {
		const lines = createInterface({ input: child.stdout! });
		lines.once('line', (line) => {
			const match = /listening on (http:\/\/\S+)/.exec(line);
			if (match) resolveUrl(match[1]);
			else reject(new Error(`unexpected simulator output: ${line}`));
		});
		child.once('exit', (code) => reject(new Error(`the simulator exited with code ${code}`)));
	});
	const ticks = 100; // USER_HZ on Linux
	return {
		baseUrl,
		pid: child.pid!,
		stats: () => control<SimulatorStats>(baseUrl, 'GET', 'stats'),
		reset: async () => void (await control(baseUrl, 'POST', 'reset')),
		states: () => control<Record<string, number>>(baseUrl, 'GET', 'consignment-states'),
		cpuMs() {
			try {
				const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
				return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
			} catch {
				return undefined;
			}
		},
		stop: () => stopChild(child),
	};
}

function stopChild(child: ChildProcess): Promise<void> {
	return new Promise((done) => {
		if (child.exitCode !== null) return done();
		child.once('exit', () => done());
		child.kill('SIGTERM');
	});
}

/**
 * One scenario in a fresh process (peak RSS only grows, so each run needs its own), e.g.
 * `node run.js --scenario combine-json --n 100000 --base-url http://127.0.0.1:PORT`.
 */
export function runScenarioChild(
	scenario: string,
	n: number,
	baseUrl: string,
	nodeArgs: string[] = [],
	env: NodeJS.ProcessEnv = process.env,
): Promise<ChildResult> {
	return new Promise((resolveResult, reject) => {
		const args = [join(__dirname, 'run.js'), '--scenario', scenario, '--n', String(n)];
		const child = spawn(process.execPath, [...nodeArgs, ...args, '--base-url', baseUrl], {
			stdio: ['ignore', 'pipe', 'inherit'],
			cwd: ROOT,
			env,
		});
		let stdout = '';
		child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.once('error', reject);
		child.once('exit', (code) => {
			const last = stdout.trim().split('\n').pop() ?? '';
			const fail = (why: string) =>
				reject(new Error(`${scenario} N=${n} ${why}:\n${stdout.slice(-2000)}`));
			if (code !== 0) return fail(`exited with code ${code}`);
			try {
				resolveResult(JSON.parse(last) as ChildResult);
			} catch {
				fail('has no result line in its output');
			}
		});
	});
}
