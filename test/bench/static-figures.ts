/** Figures that need no simulator: cold `require` of the built node and the packed tarball's size. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './processes';

export const NODE_MODULE = 'dist/nodes/SortedPro/SortedPro.node.js';

export interface ColdRequire {
	preload: string | null;
	runs: number;
	medianMs: number;
	minMs: number;
	/** Modules the require added to require.cache (the node's own files and what they pull in) */
	modulesLoaded: number;
	xml2jsLoaded: boolean;
}

/** Run in a fresh process: time one require of the node, optionally after n8n-workflow is loaded (as in n8n). */
function coldRequireScript(preload: string | null): string {
	return `
const { performance } = require('node:perf_hooks');
${preload ? `require(${JSON.stringify(preload)});` : ''}
const before = new Set(Object.keys(require.cache));
const started = performance.now();
require(${JSON.stringify(join(ROOT, NODE_MODULE))});
const ms = performance.now() - started;
const added = Object.keys(require.cache).filter((k) => !before.has(k));
process.stdout.write(JSON.stringify({ ms, modules: added.length, xml2js: added.some((k) => /[\\\\/]xml2js[\\\\/]/.test(k)) }));
`;
}

export function measureColdRequire(preload: string | null, runs = 9): ColdRequire {
	if (!existsSync(join(ROOT, NODE_MODULE)))
		throw new Error(`${NODE_MODULE} is missing: run \`npm run build\` first`);
	const samples: Array<{ ms: number; modules: number; xml2js: boolean }> = [];
	for (let i = 0; i < runs; i++) {
		const out = execFileSync(process.execPath, ['-e', coldRequireScript(preload)], {
			cwd: ROOT,
			encoding: 'utf8',
		});
		samples.push(JSON.parse(out) as { ms: number; modules: number; xml2js: boolean });
	}
	const times = samples.map((s) => s.ms).sort((a, b) => a - b);
	return {
		preload,
		runs,
		medianMs: times[Math.floor(times.length / 2)],
		minMs: times[0],
		modulesLoaded: samples[0].modules,
		xml2jsLoaded: samples.some((s) => s.xml2js),
	};
}

export interface PackFigures {
	sizeBytes: number;
	unpackedSizeBytes: number;
	entryCount: number;
	filename: string;
}

/** `npm pack --dry-run --json` (scripts ignored: the bench has just built dist/). */
export function measurePack(): PackFigures {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [pack] = JSON.parse(out.slice(out.indexOf('['))) as Array<{
		size: number;
		unpackedSize: number;
		entryCount: number;
		filename: string;
	}>;
	return {
		sizeBytes: pack.size,
		unpackedSizeBytes: pack.unpackedSize,
		entryCount: pack.entryCount,
		filename: pack.filename,
	};
}
