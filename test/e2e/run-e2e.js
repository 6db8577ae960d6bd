#!/usr/bin/env node
'use strict';
/**
 * Real-n8n end-to-end test of n8n-nodes-sortedpro (`npm run test:e2e`); the steps, versions and
 * settings are in README.md here. Usage: node test/e2e/run-e2e.js [version ...]
 * Prints one line per check ("ok   …" / "FAIL …"), timings, and last "N passed, M failed".
 * Exit 1 when a check failed or none ran.
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const assert = require('node:assert/strict');
const n8n = require('./n8n-cli');
const { startSimulator } = require('../simulator');
const { Report, seconds } = require('./e2e-report');
const prepare = require('./e2e-prepare');
const examples = require('./e2e-examples');
const { runRestChecks } = require('./e2e-rest');
const agent = require('./e2e-agent');
const { runTriggerChecks, TRIGGER_EXAMPLES } = require('./e2e-trigger');
const { startFakeOpenAi } = require('./fake-openai');

/** The node and the credential, under dist/ in the tarball and the installed package. */
const SHIPPED = ['nodes/SortedPro/SortedPro.node.js', 'credentials/SortedProApi.credentials.js'];

const BAD_CREDENTIAL = {
	id: 'sortedpro-credential-wrongkey',
	name: 'SortedPRO wrong key',
	type: examples.CREDENTIAL.type,
};

async function runVersion(ctx, version, tarball) {
	const { sim, apiKey, wrongKey, model } = ctx;
	const t0 = Date.now();
	const userFolder = path.join(n8n.E2E_DIR, `run-${version}`);
	fs.rmSync(userFolder, { recursive: true, force: true });
	const env = n8n.createN8nEnv({ version, userFolder, extraEnv: examples.N8N_ENV });
	const outputs = {};
	console.log(`\n=== n8n ${version} (node ${env.N8N_E2E_NODE}), user folder ${userFolder}`);

	const ver = await n8n.runN8n(env, ['--version']);
	await report.check(`n8n --version = ${version}`, version, () =>
		assert.equal(ver.stdout.trim().split('\n').pop(), version, ver.stderr),
	);

	const inst = await report.step('npm install <tarball> in .n8n/nodes', version, () =>
		n8n.installCommunityPackage(env, tarball),
	);
	if (!inst) return;
	await report.check(
		'package installed in $N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-sortedpro, alone',
		version,
		() => {
			assert.equal(inst.value.packageName, 'n8n-nodes-sortedpro');
			const modules = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
			assert.equal(inst.value.dir, path.join(modules, 'n8n-nodes-sortedpro'));
			// No runtime dependency: xml2js comes bundled beside the codec, nothing else installed.
			for (const file of [...SHIPPED, 'nodes/SortedPro/transport/vendor/xml2js.js'])
				assert.ok(fs.existsSync(path.join(inst.value.dir, 'dist', file)), file);
			const installed = fs.readdirSync(modules).filter((entry) => !entry.startsWith('.'));
			assert.deepEqual(installed, ['n8n-nodes-sortedpro']);
		},
	);

	const creds = [
		examples.credentialFor(apiKey, sim.baseUrl),
		examples.credentialFor(wrongKey, sim.baseUrl, BAD_CREDENTIAL),
		agent.openAiCredential(model),
	];
	const ic = await report.step('n8n import:credentials', version, () =>
		n8n.importCredentials(env, creds),
	);
	if (!ic) return;
	outputs.importCredentials = ic.value.stdout + ic.value.stderr;

	const list = examples.loadExamples();
	const workflows = list.map((e) => e.workflow);
	workflows.push(agent.failingWorkflow(list.find((e) => e.file === agent.FILE).workflow));
	await report.check('every workflow to import has an id of its own', version, () =>
		examples.assertUniqueIds(workflows),
	);
	const iw = await report.step(
		`n8n import:workflow (${list.length} examples + 1, 1 file)`,
		version,
		() => n8n.importWorkflow(env, workflows),
	);
	if (!iw) return;
	outputs.importWorkflow = iw.value.stdout + iw.value.stderr;
	await report.check('credential/import output without the API key', version, () =>
		examples.assertSecretAbsent(apiKey, outputs),
	);

	// The trigger examples run active in a started n8n (e2e-trigger.js), not by `n8n execute`.
	for (const example of list.filter((e) => !TRIGGER_EXAMPLES.includes(e.file))) {
		try {
			await examples.runExample({ report, version, env, sim, apiKey, model }, example);
		} catch (err) {
			report.fail(`${example.file}: execution`, version, err);
		}
	}
	await agent.runFailingTool({ report, version, env, sim, apiKey, model });

	await runRestChecks({
		report,
		version,
		env,
		sim,
		apiKey,
		wrongKey,
		good: examples.CREDENTIAL,
		bad: BAD_CREDENTIAL,
		editor: version === n8n.OLD_VERSION,
	});
	// publish:workflow is 2.x's; the polling itself is n8n-core's in every version.
	if (version === n8n.OLD_VERSION) await runTriggerChecks({ report, version, env, sim, apiKey });
	report.addTiming(`total for n8n ${version} (after its install)`, version, Date.now() - t0);
}

const report = new Report();

async function main() {
	const t0 = Date.now();
	const args = process.argv.slice(2);
	const versions = args.length ? args : [n8n.OLD_VERSION, n8n.NEW_VERSION, n8n.V1_VERSION];
	console.log(`e2e: n8n ${versions.join(', ')}; cache ${n8n.CACHE_DIR}`);

	// 1. n8n installs start now (in the background), while we build and pack.
	const installs = {};
	for (const v of versions) {
		const cached = n8n.isN8nInstalled(v);
		installs[v] = n8n.installN8n(v);
		installs[v].catch(() => {}); // awaited (and reported) below
		console.log(
			`..   n8n ${v}: ${cached ? 'cached' : `installing in the background (log ${path.join(n8n.E2E_DIR, `install-${v}.log`)})`}`,
		);
	}
	let tarball;
	const built = await report.step('npm run build', '-', () => prepare.build());
	if (built) {
		const packed = await report.step('npm pack into .cache/e2e', '-', () => prepare.pack());
		if (packed) {
			tarball = packed.value;
			const files = await prepare.tarballFiles(tarball);
			await report.check(
				`tarball ${path.basename(tarball)} holds dist/ node and credential`,
				'-',
				() => {
					for (const file of SHIPPED)
						assert.ok(files.includes(`package/dist/${file}`), files.join(' '));
				},
			);
		}
	}

	// 2. simulator: a recognisable key, the examples' consignments seeded (EC-000-999-UNK unknown).
	const apiKey = `e2e-KEY-${crypto.randomBytes(12).toString('hex')}`;
	const wrongKey = `e2e-WRONG-${crypto.randomBytes(12).toString('hex')}`;
	const sim = await startSimulator({ apiKey, consignments: examples.SEED_CONSIGNMENTS });
	console.log(`..   simulator ${sim.baseUrl}`);
	const model = await startFakeOpenAi({
		argumentsFor: agent.argumentsFor,
		finalText: agent.finalText,
	});
	console.log(`..   scripted OpenAI model ${model.baseUrl}`);

	// 3. per version, sequentially (each is ~1-2 min of CPU-bound n8n boots on 2 cores).
	try {
		for (const v of versions) {
			const inst = await report.step(
				`n8n ${v} installed (wait for the background install)`,
				v,
				() => installs[v],
			);
			if (inst) {
				report.addTiming(
					`install (${inst.value.cached ? 'cached' : 'fresh'}, since start)`,
					v,
					inst.value.ms,
				);
				if (tarball) await runVersion({ sim, apiKey, wrongKey, model }, v, tarball);
			}
		}
	} finally {
		await sim.close();
		await model.close();
	}
	report.addTiming('whole run', '-', Date.now() - t0);
	report.printTimings();
	console.log(`\nwhole run: ${seconds(Date.now() - t0)}`);
	report.printSummary();
	return report.ok ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(err) => {
		console.error(err && err.stack ? err.stack : err);
		report.fail('run-e2e.js crashed', '-', err);
		report.printSummary();
		process.exit(1);
	},
);
