#!/usr/bin/env node
// npm run lint:n8n-node — `n8n-node lint` from @n8n/node-cli (the devDependency, 0.19.0: the
// node-cli of n8n 2.8's release line), as n8n's verification asks.
//
// package.json has `"n8n": { "strict": true }`, and in strict mode `n8n-node lint` refuses any
// eslint.config.mjs but node-cli's default one, which applies the node rules to every .ts
// file. This repository's own config (eslint.config.mjs, `npm run lint`) keeps those rules to
// nodes/ and credentials/ and lints test/ and the tooling with ordinary rules. So this script
// copies the package's sources (package.json, tsconfig.json, nodes/, credentials/, icons/
// ) to .cache/n8n-node-lint/, writes node-cli's default eslint.config.mjs there (read
// from node-cli's own template), links node_modules, and runs `n8n-node lint` in that copy.
//
// Usage: node test/tools/n8n-node-lint.mjs      exit code: n8n-node lint's

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const stage = path.join(repoRoot, '.cache', 'n8n-node-lint');
const COPIED = ['package.json', 'tsconfig.json', 'nodes', 'credentials', 'icons'];

const require = createRequire(import.meta.url);
// The package exports only ./eslint (dist/configs/eslint.js); its root is two folders up.
const nodeCliDir = path.resolve(path.dirname(require.resolve('@n8n/node-cli/eslint')), '..', '..');
const nodeCliVersion = JSON.parse(
	fs.readFileSync(path.join(nodeCliDir, 'package.json'), 'utf8'),
).version;
const defaultConfig = path.join(
	nodeCliDir,
	'dist/template/templates/shared/default/eslint.config.mjs',
);

fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(stage, { recursive: true });
for (const entry of COPIED) {
	fs.cpSync(path.join(repoRoot, entry), path.join(stage, entry), { recursive: true });
}
fs.copyFileSync(defaultConfig, path.join(stage, 'eslint.config.mjs'));
// n8n-node runs `npm exec -- eslint`, which looks in the package's own node_modules/.bin.
fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(stage, 'node_modules'), 'dir');

console.log(`n8n-node lint (@n8n/node-cli ${nodeCliVersion}) in ${path.relative(repoRoot, stage)}`);
const bin = path.join(nodeCliDir, 'bin', 'n8n-node.mjs');
const result = spawnSync(process.execPath, [bin, 'lint'], {
	cwd: stage,
	stdio: 'inherit',
	env: { ...process.env, CI: 'true' },
});
if (result.error) {
	console.error(`n8n-node lint could not run: ${result.error.message}`);
	process.exit(2);
}
console.log(
	result.status === 0 ? 'n8n-node lint: passed' : `n8n-node lint: failed (exit ${result.status})`,
);
process.exit(result.status ?? 1);
