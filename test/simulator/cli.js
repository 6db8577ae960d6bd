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

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {Record<string, any>} */
	const a = { port: 8787, consignments: [], control: true, recordBodies: true, latency: {} };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [flag, inline] =
			arg.includes('=') && arg.startsWith('--')
				? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
				: [arg, undefined];
		const value = () => {
			if (inline !== undefined) return inline;
			if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
			return argv[++i];
		};
		switch (flag) {
			case '--api-key':
				a.apiKey = value();
				break;
			case '--port':
				a.port = Number(value());
				break;
			case '--seed':
				a.seed = Number(value());
				break;
			case '--consignment':
				a.consignments.push(value());
				break;
			case '--auto-create':
				a.autoCreate = new RegExp(value());
				break;
			case '--unknown-reference':
				a.unknownReference = value();
				break;
			case '--carrier-service-name-field':
				a.carrierServiceNameField = value();
				break;
			case '--carrier-services-answer':
				a.carrierServicesAnswer = value();
				break;
			case '--failure-wording':
				a.failureWording = value();
				break;
			case '--state-names':
				a.stateNames = value();
				break;
			case '--allocation-answer':
				a.allocationAnswer = value();
				break;
			case '--one-consignment-refusal':
				a.oneConsignmentRefusal = value();
				break;
			case '--record-file':
				a.recordFile = value();
				break;
			case '--no-record-bodies':
				a.recordBodies = false;
				break;
			case '--no-control':
				a.control = false;
				break;
			case '--latency-per-request':
				a.latency.perRequestMs = Number(value());
				break;
			case '--latency-per-consignment':
				a.latency.perConsignmentMs = Number(value());
				break;
			case '--concurrent-request-limit':
				a.latency.concurrentRequestLimit = Number(value());
				break;
			case '--retry-after':
				a.latency.retryAfterSeconds = Number(value());
				break;
			case '--help':
			case '-h':
				a.help = true;
				break;
			default:
				throw new Error(`Unknown argument ${arg}`);
		}
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
	const consignments = args.consignments.map(consignmentSeed);
	for (let i = 1; i <= (args.seed || 0); i++) consignments.push({ reference: seededReference(i) });

	/** @type {number | undefined} */
	let recordFd;
	/** @type {((r: any) => void) | undefined} */
	let onRequest;
	if (args.recordFile) {
		recordFd = fs.openSync(args.recordFile, 'w');
		const fd = recordFd;
		onRequest = (r) => {
			const { 'ocp-apim-subscription-key': key, ...headers } = r.headers;
			const subscriptionKey =
				key === undefined ? 'missing' : key === args.apiKey ? 'valid' : 'invalid';
			const line = {
				time: r.time,
				method: r.method,
				path: r.path,
				query: r.query,
				headers,
				subscriptionKey,
				contentType: r.contentType,
				accept: r.accept,
				body: r.body,
				status: r.status,
				fault: r.fault,
			};
			fs.writeSync(fd, JSON.stringify(line) + '\n');
		};
	}

	const sim = await startSimulator({
		port: args.port,
		apiKey: args.apiKey,
		consignments,
		autoCreate: args.autoCreate,
		unknownReference: args.unknownReference,
		carrierServiceNameField: args.carrierServiceNameField,
		carrierServicesAnswer: args.carrierServicesAnswer,
		failureWording: args.failureWording,
		stateNames: args.stateNames,
		allocationAnswer: args.allocationAnswer,
		oneConsignmentRefusal: args.oneConsignmentRefusal,
		recordBodies: args.recordBodies,
		maxRecordedRequests: 10000,
		controlRoutes: args.control,
		onRequest,
		latency: args.latency,
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
