/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by package,
 * and inclusive time of the functions that matter here.
 *
 *   node .cache/bench-build/test/bench/profile-summary.js FILE.cpuprofile [--top 30] [--match fn,fn] [--callers fn,fn] [--exclude fn] [--attribute-gc]
 *
 * --match: inclusive time of these functions; --callers: who calls these (self time by 4-frame caller chain);
 * --exclude: leave out every sample with one of these functions on its stack (e.g. _getNodeParameter,
 * to see the node's own share); --attribute-gc: charge each GC sample to the sample before it (the
 * code that allocated), so GC caused by n8n's expression evaluation is not counted as the node's.
 */
import { readFileSync } from 'node:fs';

import { parseFlags } from './common';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

/** node_modules/<package> (scoped too), this project's own directories, node:internal or V8's pseudo-frames. */
export function owner(url: string, functionName: string): string {
	if (!url) return functionName.startsWith('(') ? functionName : '(native)';
	const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
	if (modules) return modules[1];
	if (url.startsWith('node:')) return 'node:internal';
	const own = /\/(nodes\/SortedPro|credentials|test\/harness|test\/bench)\//.exec(url);
	return own ? own[1] : url;
}

const shortUrl = (url: string) =>
	url
		.replace(/^file:\/\//, '')
		.replace(/^.*?node_modules\//, '')
		.replace(/^.*?\.cache\/bench-build\//, '');

export function summarise(
	profile: Profile,
	top: number,
	match: string[],
	callersOf: string[] = [],
	exclude: string[] = [],
	attributeGc = false,
): string {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	if (attributeGc) {
		// A GC sample has no JS stack; charge it to the code that ran just before (it allocated).
		const gc = new Set(
			profile.nodes
				.filter((n) => n.callFrame.functionName === '(garbage collector)')
				.map((n) => n.id),
		);
		let previous: number | undefined;
		profile.samples = profile.samples.map((id) => {
			if (!gc.has(id)) return (previous = id);
			return previous ?? id;
		});
	}
	const parent = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const selfUs = new Map<number, number>();
	profile.samples.forEach((id, i) =>
		selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
	);
	let excludedUs = 0;
	if (exclude.length > 0) {
		for (const id of [...selfUs.keys()]) {
			for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
				if (exclude.includes(byId.get(cur)!.callFrame.functionName)) {
					excludedUs += selfUs.get(id)!;
					selfUs.delete(id);
					break;
				}
			}
		}
	}
	const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

	const key = (n: ProfileNode) =>
		`${n.callFrame.functionName || '(anonymous)'}  ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
	const byFunction = new Map<string, number>();
	const byOwner = new Map<string, number>();
	const inclusive = new Map<string, number>();
	const callers = new Map<string, number>();
	for (const [id, us] of selfUs) {
		const node = byId.get(id)!;
		byFunction.set(key(node), (byFunction.get(key(node)) ?? 0) + us);
		const o = owner(node.callFrame.url, node.callFrame.functionName);
		byOwner.set(o, (byOwner.get(o) ?? 0) + us);
		if (callersOf.includes(node.callFrame.functionName)) {
			const chain: string[] = [];
			for (let cur = parent.get(id); cur !== undefined && chain.length < 4; cur = parent.get(cur))
				chain.push(key(byId.get(cur)!));
			const line = `${node.callFrame.functionName} <- ${chain.join(' <- ')}`;
			callers.set(line, (callers.get(line) ?? 0) + us);
		}
		// inclusive time of each matched function on this stack (each counted once per stack)
		const seen = new Set<string>();
		for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
			const name = byId.get(cur)!.callFrame.functionName;
			if (match.includes(name) && !seen.has(name)) {
				seen.add(name);
				inclusive.set(name, (inclusive.get(name) ?? 0) + us);
			}
		}
	}
	const ms = (us: number) =>
		`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)} %`;
	const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
	const lines = [`total sampled: ${(totalUs / 1000).toFixed(0)} ms`];
	if (exclude.length > 0)
		lines.push(
			`(left out: ${(excludedUs / 1000).toFixed(0)} ms in samples under ${exclude.join(', ')})`,
		);
	lines.push('', 'self time by package / area:');
	for (const [name, us] of sorted(byOwner).slice(0, 20)) lines.push(`  ${ms(us)}  ${name}`);
	lines.push('', `top ${top} functions by self time:`);
	for (const [name, us] of sorted(byFunction).slice(0, top)) lines.push(`  ${ms(us)}  ${name}`);
	if (match.length > 0) {
		lines.push('', 'inclusive time (self + callees) of:');
		for (const name of match) lines.push(`  ${ms(inclusive.get(name) ?? 0)}  ${name}`);
	}
	if (callersOf.length > 0) {
		lines.push('', `self time of ${callersOf.join(', ')} by caller chain:`);
		for (const [chain, us] of sorted(callers).slice(0, top)) lines.push(`  ${ms(us)}  ${chain}`);
	}
	return lines.join('\n');
}

if (require.main === module) {
	const [file, ...rest] = process.argv.slice(2);
	if (!file)
		throw new Error('usage: profile-summary.js FILE.cpuprofile [--top 30] [--match fn,fn]');
	const flags = parseFlags(rest);
	const match = flags.match ? flags.match.split(',') : [];
	const callersOf = flags.callers ? flags.callers.split(',') : [];
	const exclude = flags.exclude ? flags.exclude.split(',') : [];
	const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
	process.stdout.write(
		`${summarise(profile, Number(flags.top ?? 30), match, callersOf, exclude, flags['attribute-gc'] !== undefined)}\n`,
	);
}
