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
// analyzePackage only returns ESLint's formatted text, so each leg is also linted with the
// scanner's own config (its exported buildScanConfig, same ESLint options and file list) to
// get structured findings. The two must agree on pass/fail; the script checks that.
//
// Every finding is printed. The scan fails (exit 1) on any finding, errors and warnings,
// except the ones caused by the design-required runtime dependency on xml2js:
//   - @n8n/community-nodes/no-runtime-dependencies on package.json, only while
//     "dependencies" holds xml2js and nothing else;
//   - @n8n/community-nodes/no-restricted-imports for the module 'xml2js' itself
//     ("Import of 'xml2js'…", "Dynamic import of 'xml2js'…", "Require of 'xml2js'…").
// Those print as "allowed (design: xml2js runtime dependency)".
//
// Usage: node test/tools/scan.mjs [--source-only] [--skip-build] [--errors-only] [--verbose] [dir]
//   dir            package to scan (default: this repository)
//   --source-only  skip the build + npm pack leg
//   --skip-build   pack what is in dist/ without running `npm run build` first
//   --errors-only  let warnings pass, as n8n's own verification gate does (it fails on errors)
//   --verbose      also print the scanner's own (stylish) report for each leg
// Exit codes: 0 clean (allowed findings only), 1 findings, 2 could not scan (build/pack
// failed, scanner error), 3 structured lint and analyzePackage disagree.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ALLOWED_LABEL = 'allowed (design: xml2js runtime dependency)';
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

/** Is this finding one of the design-allowed xml2js ones? */
function isAllowedXml2js(finding, packageJson) {
	if (finding.ruleId === '@n8n/community-nodes/no-runtime-dependencies') {
		const deps = Object.keys(packageJson.dependencies ?? {});
		return finding.file === 'package.json' && deps.length === 1 && deps[0] === 'xml2js';
	}
	if (finding.ruleId === '@n8n/community-nodes/no-restricted-imports') {
		// The rule's messages: "Import of '<m>' is not allowed. …", "Require of '<m>' …",
		// "Dynamic import of '<m>' …". Only the module 'xml2js' itself, no subpath.
		return /^(Import|Dynamic import|Require) of 'xml2js' is not allowed\./.test(finding.message);
	}
	return false;
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
	const packageJson = readJson(path.join(dir, 'package.json'));
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
		if (isAllowedXml2js(f, packageJson)) {
			console.log(`   ${ALLOWED_LABEL}: ${text}`);
		} else if (f.severity === 'warning' && flags.has('--errors-only')) {
			console.log(`   warning (passes with --errors-only): ${text}`);
		} else {
			blocking++;
			console.log(`   ✖ ${text}`);
		}
	}
	if (findings.length === 0) console.log('   no findings');
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
	else legs.push(await runLeg('tarball leg', packed.unpacked, TARBALL_PATTERNS));
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
	console.log(`scan: ✖ ${blocking} finding(s) not allowed`);
	process.exit(1);
}
console.log(
	`scan: ✔ passed (${legs.length} leg${legs.length > 1 ? 's' : ''}; only allowed findings)`,
);
