#!/usr/bin/env node
// npm run scan — n8n's community-package scanner (@n8n/scan-community-package), offline.
//
// The scanner's CLI only scans packages published to the registry (and exits 0 even when
// checks fail), so this script drives its library, `scanner/scanner.mjs`, the way the CLI
// does for a published package, but on our own files:
//   1. source leg:  analyzePackage(<repo>, SOURCE_FILE_PATTERNS)
//                   (package.json + {nodes,credentials}/**/*.{js,ts,json})
//   2. tarball leg: `npm run build`, `npm pack`, unpack to a temp dir, then
//                   analyzePackage(<unpacked>, ['**/*.js', 'package.json'])
//                   (the patterns the scanner uses on a downloaded tarball)
//   3. self-contained: every require in the unpacked tarball reaches a file it ships or a
//                   peerDependency (the scanner itself accepts any devDependency)
// analyzePackage only returns ESLint's formatted text, so each leg is also linted with the
// scanner's own config (its exported buildScanConfig, same ESLint options and file list) to
// get structured findings. The two must agree on pass/fail; the script checks that.
//
// Every finding is printed, and every finding fails the scan (exit 1), errors and warnings
// alike: the package has no runtime dependency (xml2js is bundled into dist/nodes/SortedPro/transport/vendor/ by the
// build, gulpfile.js), so nothing needs an exception.
//
// Usage: node test/tools/scan.mjs [--source-only] [--skip-build] [--errors-only] [--verbose] [dir]
//   dir            package to scan (default: this repository)
//   --source-only  skip the build + npm pack leg
//   --skip-build   pack what is in dist/ without running `npm run build` first
//   --errors-only  let warnings pass, as n8n's own verification gate does (it fails on errors)
//   --verbose      also print the scanner's own (stylish) report for each leg
// Exit codes: 0 clean (no findings), 1 findings, 2 could not scan (build/pack
// failed, scanner error), 3 structured lint and analyzePackage disagree.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

const argv = process.argv.slice(2);
const flags = new Set(argv.filter((a) => a.startsWith('--')));
for (const f of flags) {
	if (!['--source-only', '--skip-build', '--errors-only', '--verbose', '--help'].includes(f)) {
		console.error(`scan: unknown option ${f}`);
		process.exit(2);
	}
}
if (flags.has('--help')) {
	console.log(
		fs
			.readFileSync(fileURLToPath(import.meta.url), 'utf8')
			.split('\n')
			.filter((l) => l.startsWith('//'))
			.map((l) => l.slice(3))
			.join('\n'),
	);
	process.exit(0);
}
const positional = argv.filter((a) => !a.startsWith('--'));
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgDir = path.resolve(positional[0] ?? repoRoot);

// One temp dir for everything this run makes; removed on exit. The scanner makes a temp
// dir of its own when loaded (for downloads we never do) and leaves it behind, so it is
// loaded with TMPDIR pointing inside ours.
const scanTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
process.on('exit', () => fs.rmSync(scanTmp, { recursive: true, force: true }));

// The scanner and the exact eslint / fast-glob copies it uses.
const requireHere = createRequire(import.meta.url);
const scannerFile = requireHere.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
const requireScanner = createRequire(scannerFile);
const savedTmpdir = process.env.TMPDIR;
process.env.TMPDIR = scanTmp;
const scanner = await import(pathToFileURL(scannerFile).href);
if (savedTmpdir === undefined) delete process.env.TMPDIR;
else process.env.TMPDIR = savedTmpdir;
const { ESLint } = await import(pathToFileURL(requireScanner.resolve('eslint')).href);
const glob = (await import(pathToFileURL(requireScanner.resolve('fast-glob')).href)).default;
const scannerVersion = JSON.parse(
	fs.readFileSync(path.join(path.dirname(scannerFile), '..', 'package.json'), 'utf8'),
).version;

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The scanner's lint, as analyzePackage runs it, with structured results. */
async function lintLikeScanner(dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = files.length > 0 ? await eslint.lintFiles(files) : [];
	const findings = [];
	for (const r of results) {
		for (const m of r.messages) {
			findings.push({
				file: path.relative(dir, r.filePath),
				line: m.line ?? 0,
				column: m.column ?? 0,
				severity: m.severity === 2 ? 'error' : 'warning',
				ruleId: m.ruleId ?? '(parse error)',
				message: m.message,
			});
		}
	}
	return { fileCount: files.length, findings };
}

/** Run one leg: analyzePackage (the scanner's verdict) + structured lint; print findings. */
async function runLeg(label, dir, patterns) {
	console.log(`\n── ${label}: ${dir}`);
	console.log(`   files: ${patterns.join(', ')}`);
	const verdict = await scanner.analyzePackage(dir, patterns);
	if (!verdict.passed && verdict.error) {
		console.log(`   ✖ scanner failed: ${verdict.message}`);
		return { status: 'error' };
	}
	const { fileCount, findings } = await lintLikeScanner(dir, patterns);
	const errors = findings.filter((f) => f.severity === 'error').length;
	console.log(
		`   analyzePackage: ${verdict.passed ? 'passed' : `FAILED (${verdict.message})`}; ` +
			`${fileCount} files, ${errors} errors, ${findings.length - errors} warnings`,
	);
	if (flags.has('--verbose') && verdict.details) console.log(verdict.details);
	if (verdict.passed !== (errors === 0)) {
		console.log('   ✖ structured lint and analyzePackage disagree; see --verbose');
		return { status: 'mismatch' };
	}
	let blocking = 0;
	for (const f of findings) {
		const where = `${f.file}:${f.line}:${f.column}`;
		const text = `${where}  ${f.severity}  ${f.ruleId}  ${f.message}`;
		if (f.severity === 'warning' && flags.has('--errors-only')) {
			console.log(`   warning (passes with --errors-only): ${text}`);
		} else {
			blocking++;
			console.log(`   ✖ ${text}`);
		}
	}
	if (findings.length === 0) console.log('   no findings');
	return { status: blocking > 0 ? 'findings' : 'clean', blocking };
}

/** Does a relative require from `file` reach a file inside the package? */
function resolvesInside(dir, file, spec) {
	const target = path.resolve(dir, path.dirname(file), spec);
	if (!target.startsWith(dir + path.sep)) return false;
	return [target, `${target}.js`, `${target}.json`, path.join(target, 'index.js')].some(
		(candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
	);
}

/**
 * The scanner lets code require any devDependency (it takes them as bundled by the build), so
 * it would not notice dist/ requiring xml2js itself instead of its bundled copy. Here
 * each require / import() in the tarball's .js must name a file the tarball ships or a
 * peerDependency (n8n-workflow), with a string literal.
 */
function selfContainedLeg(dir) {
	console.log(
		'\n── self-contained: requires in the tarball reach shipped files or peer dependencies',
	);
	const peers = Object.keys(readJson(path.join(dir, 'package.json')).peerDependencies ?? {});
	let blocking = 0;
	let count = 0;
	for (const file of glob.sync(['**/*.js'], { cwd: dir, ignore: ['node_modules/**'] })) {
		const code = fs.readFileSync(path.join(dir, file), 'utf8');
		for (const [call, argument] of code.matchAll(/\b(?:require|import)\s*\(\s*([^)]*?)\s*\)/g)) {
			count++;
			const literal = /^(['"])([^'"]+)\1$/.exec(argument)?.[2];
			let problem;
			if (literal === undefined) problem = 'computed argument';
			else if (literal.startsWith('.')) {
				if (!resolvesInside(dir, file, literal)) problem = 'no such file in the tarball';
			} else if (!peers.includes(literal)) problem = 'not a peerDependency';
			if (problem) {
				blocking++;
				console.log(`   ✖ ${file}  ${call}: ${problem}`);
			}
		}
	}
	if (blocking === 0) console.log(`   ${count} requires, all inside the package or to ${peers}`);
	return { status: blocking > 0 ? 'findings' : 'clean', blocking };
}

function run(cmd, args, cwd) {
	return spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Build (unless skipped), npm pack into a temp dir, unpack; returns the unpacked dir. */
function buildAndPack(tmpDir) {
	const pkg = readJson(path.join(pkgDir, 'package.json'));
	if (!flags.has('--skip-build') && pkg.scripts?.build) {
		console.log('\n── npm run build');
		const b = spawnSync('npm', ['run', 'build'], { cwd: pkgDir, stdio: 'inherit' });
		if (b.status !== 0) {
			return {
				error:
					`npm run build failed (exit ${b.status ?? b.signal}); the tarball leg needs a ` +
					'build. Fix the build, or run with --source-only to scan the sources alone.',
			};
		}
	}
	// The build just ran: --ignore-scripts keeps prepack from building a second time.
	const p = run(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', tmpDir],
		pkgDir,
	);
	if (p.status !== 0) return { error: `npm pack failed (exit ${p.status}):\n${p.stderr}` };
	const [info] = JSON.parse(p.stdout);
	const tarball = path.join(tmpDir, info.filename);
	const unpacked = path.join(tmpDir, 'package');
	fs.mkdirSync(unpacked);
	const t = run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1'], tmpDir);
	if (t.status !== 0) return { error: `tar failed: ${t.stderr}` };
	console.log(`\n── npm pack: ${info.filename}, ${info.entryCount} files, ${info.size} bytes`);
	if (!info.files.some((f) => f.path.endsWith('.js'))) {
		console.log('   note: the tarball holds no .js file (is dist/ built?)');
	}
	return { unpacked };
}

console.log(`n8n community package scan (@n8n/scan-community-package ${scannerVersion})`);
const legs = [await runLeg('source leg', pkgDir, scanner.SOURCE_FILE_PATTERNS)];
let fatal;
if (!flags.has('--source-only')) {
	const packDir = path.join(scanTmp, 'pack');
	fs.mkdirSync(packDir);
	const packed = buildAndPack(packDir);
	if (packed.error) fatal = packed.error;
	else {
		legs.push(await runLeg('tarball leg', packed.unpacked, TARBALL_PATTERNS));
		legs.push(selfContainedLeg(packed.unpacked));
	}
}

console.log('');
if (legs.some((l) => l.status === 'mismatch')) {
	console.log('scan: ✖ internal mismatch between analyzePackage and the structured lint');
	process.exit(3);
}
if (fatal || legs.some((l) => l.status === 'error')) {
	if (fatal) console.log(`scan: ✖ ${fatal}`);
	console.log('scan: ✖ could not complete');
	process.exit(2);
}
const blocking = legs.reduce((n, l) => n + (l.blocking ?? 0), 0);
if (blocking > 0) {
	console.log(`scan: ✖ ${blocking} finding(s)`);
	process.exit(1);
}
console.log(`scan: ✔ passed (${legs.length} leg${legs.length > 1 ? 's' : ''}, no findings)`);
