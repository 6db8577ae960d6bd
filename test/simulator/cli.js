#!/usr/bin/env node
'use strict';
/**
 * Start the SortedPRO API simulator from the command line.
 *
 *   node test/simulator/cli.js --port 8787 --api-key KEY [--seed N] [--record-file PATH]
 *
 * Prints exactly one line on stdout when ready:
 *   SortedPRO simulator listening on http://127.0.0.1:PORT
 * and runs until SIGINT/SIGTERM. Run with --help for all options.
 */
const fs = require('fs');
const { startSimulator, UNKNOWN_REFERENCE_MODES } = require('./index');

const HELP = `Usage: node test/simulator/cli.js --api-key KEY [options]

  --api-key KEY              the valid subscription key (or env SORTEDPRO_SIM_API_KEY)
  --port N                   port on 127.0.0.1 (default 8787; 0 = random free port)
  --seed N                   seed N Unallocated consignments EC-000-000-001 ... (9 digits in 3 groups)
  --consignment REF[=STATE]  seed one consignment (repeatable), e.g. EC-000-05A-Z6S=Manifested
  --auto-create REGEX        unknown references matching REGEX are Unallocated consignments
  --unknown-reference MODE   summary (default) | omit | reject
  --carrier-service-name-field Name|CarrierServiceName
  --carrier-services-answer wrapper|array|failure|notFound   GET /carrierservices (default wrapper)
  --reference-list-answer documented|other|empty|notFound|error   GET /shippinglocations, /packagesizes, /servicegroups, /carriers
  --failure-wording documented|descriptive   refused allocation Description (default documented)
  --state-names enum|display                states in messages (default enum)
  --allocation-answer ok|accepted|acceptedEmpty   200, 202 with summaries, 202 empty
  --one-consignment-refusal summary|error|conflict   a refusal of a one-consignment allocate call:
                             failed summary (default), whole request refused, 409 if allocated
  --record-file PATH         write each request as a JSON line (headers without the key)
  --no-record-bodies         keep no request bodies in memory (record file still gets them)
  --latency-per-request MS   answer every API request after MS milliseconds (default 0)
  --latency-per-consignment MS  plus MS per consignment reference in the request body (default 0)
  --concurrent-request-limit N  at most N requests per key in flight; one more gets 429 (default 0 = none)
  --retry-after S            Retry-After (seconds) of those 429s (default 1)
  --no-control               do not serve the /__simulator/* control routes
                             (POST /__simulator/faults takes a JSON array of faults: README "Fault mode")
  --help                     this text
`;

/** Flags with a value: the option (or latency field) it sets, and how the text is read. */
const VALUE_FLAGS = /** @type {Record<string, [string, (v: string) => any]>} */ ({
	'--api-key': ['apiKey', String],
	'--port': ['port', Number],
	'--seed': ['seed', Number],
	'--consignment': ['consignment', String],
	'--auto-create': ['autoCreate', (v) => new RegExp(v)],
	'--unknown-reference': ['unknownReference', String],
	'--carrier-service-name-field': ['carrierServiceNameField', String],
	'--carrier-services-answer': ['carrierServicesAnswer', String],
	'--reference-list-answer': ['referenceListAnswer', String],
	'--failure-wording': ['failureWording', String],
	'--state-names': ['stateNames', String],
	'--allocation-answer': ['allocationAnswer', String],
	'--one-consignment-refusal': ['oneConsignmentRefusal', String],
	'--record-file': ['recordFile', String],
	'--latency-per-request': ['latency.perRequestMs', Number],
	'--latency-per-consignment': ['latency.perConsignmentMs', Number],
	'--concurrent-request-limit': ['latency.concurrentRequestLimit', Number],
	'--retry-after': ['latency.retryAfterSeconds', Number],
});
/** Flags without a value. */
const SWITCHES = /** @type {Record<string, [string, boolean]>} */ ({
	'--no-record-bodies': ['recordBodies', false],
	'--no-control': ['controlRoutes', false],
	'--help': ['help', true],
	'-h': ['help', true],
});

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {Record<string, any>} */
	const a = { port: 8787, consignments: [], controlRoutes: true, recordBodies: true, latency: {} };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const at = arg.startsWith('--') ? arg.indexOf('=') : -1;
		const [flag, inline] = at > 0 ? [arg.slice(0, at), arg.slice(at + 1)] : [arg, undefined];
		if (SWITCHES[flag]) {
			a[SWITCHES[flag][0]] = SWITCHES[flag][1];
			continue;
		}
		if (!VALUE_FLAGS[flag]) throw new Error(`Unknown argument ${arg}`);
		if (inline === undefined && i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
		const [name, read] = VALUE_FLAGS[flag];
		const value = read(inline ?? argv[++i]);
		if (name === 'consignment') a.consignments.push(value);
		else if (name.startsWith('latency.')) a.latency[name.slice(8)] = value;
		else a[name] = value;
	}
	a.apiKey = a.apiKey || process.env.SORTEDPRO_SIM_API_KEY;
	if (a.help) return a;
	if (!a.apiKey) throw new Error('--api-key is required');
	if (!Number.isInteger(a.port) || a.port < 0 || a.port > 65535)
		throw new Error('--port must be 0..65535');
	if (a.seed !== undefined && (!Number.isInteger(a.seed) || a.seed < 0 || a.seed > 999999999))
		throw new Error('--seed must be 0..999999999');
	if (a.unknownReference && !UNKNOWN_REFERENCE_MODES.includes(a.unknownReference))
		throw new Error(`--unknown-reference must be one of ${UNKNOWN_REFERENCE_MODES.join(', ')}`);
	return a;
}

/** EC-000-000-001 for 1. @param {number} i */
function seededReference(i) {
	const d = String(i).padStart(9, '0');
	return `EC-${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
}

/** @param {string} spec REF or REF=STATE */
function consignmentSeed(spec) {
	const eq = spec.indexOf('=');
	return eq < 0 ? { reference: spec } : { reference: spec.slice(0, eq), state: spec.slice(eq + 1) };
}

async function main() {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (e) {
		process.stderr.write(`${/** @type {Error} */ (e).message}\n\n${HELP}`);
		process.exit(2);
	}
	if (args.help) {
		process.stdout.write(HELP);
		return;
	}
	const { consignments: specs, seed, recordFile, help, ...options } = args;
	const consignments = specs.map(consignmentSeed);
	for (let i = 1; i <= (seed || 0); i++) consignments.push({ reference: seededReference(i) });

	const recordFd = recordFile ? fs.openSync(recordFile, 'w') : undefined;
	/** Each request as a JSON line, its key replaced by whether it was the valid one. @param {any} r */
	const record = (r) => {
		const { 'ocp-apim-subscription-key': key, ...headers } = r.headers;
		const subscriptionKey =
			key === undefined ? 'missing' : key === args.apiKey ? 'valid' : 'invalid';
		const { time, method, path, query, contentType, accept, body, status, fault } = r;
		const line = { time, method, path, query, headers, subscriptionKey, contentType, accept };
		fs.writeSync(
			/** @type {number} */ (recordFd),
			JSON.stringify({ ...line, body, status, fault }) + '\n',
		);
	};
	const sim = await startSimulator({
		...options,
		apiKey: args.apiKey,
		consignments,
		maxRecordedRequests: 10000,
		onRequest: recordFd === undefined ? undefined : record,
	});
	process.stdout.write(`SortedPRO simulator listening on ${sim.baseUrl}\n`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await sim.close();
		if (recordFd !== undefined) fs.closeSync(recordFd);
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	process.stderr.write(`SortedPRO simulator failed to start: ${e && e.message}\n`);
	process.exit(1);
});
