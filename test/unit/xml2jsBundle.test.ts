/**
 * The xml2js bundle the package ships (gulpfile.js, built for the tests by
 * jest.global-setup.js): it requires nothing at run time, behaves as the xml2js package does
 * for everything the codec asks of it, and ships the licences of what it holds.
 */
import { EventEmitter as NodeEventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';

import fc from 'fast-check';
import * as original from 'xml2js';

import * as bundled from '../../nodes/SortedPro/transport/vendor/xml2js';

// The bundle's stand-in for Node's EventEmitter (plain JS, no types).
const SHIM_EVENTS = '../../nodes/SortedPro/transport/vendor/shims/events';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ShimEventEmitter = require(SHIM_EVENTS) as typeof NodeEventEmitter;

const BUNDLE = path.join(
	__dirname,
	'..',
	'..',
	'.cache',
	'test-build',
	'nodes',
	'SortedPro',
	'transport',
	'vendor',
	'xml2js.js',
);
const RUNS = 300;

// The options encodeBody and parseXml (nodes/SortedPro/transport/codec.ts) use.
const builderOptions = {
	xmldec: { version: '1.0', encoding: 'utf-8' },
	renderOpts: { pretty: false },
};
const parserOptions = (xml2js: typeof original) => ({
	explicitArray: true,
	ignoreAttrs: true,
	tagNameProcessors: [xml2js.processors.stripPrefix],
});

const name = fc.constantFrom('Reference', 'string', 'a:Code', 'Message', 'Packages', 'x');
const text = fc.string({ maxLength: 12 }).map((s) => s.replace(/[^\t\n\r\x20-\uD7FF]/g, ''));
const element: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
	node: fc.oneof(
		{ depthSize: 'small' },
		text,
		fc.array(text, { minLength: 1, maxLength: 3 }),
		fc.dictionary(name, tie('node'), { maxKeys: 4 }),
	),
})).node;

/** The value or the error message, so that two libraries' outcomes compare with toEqual. */
async function settle(run: () => unknown) {
	try {
		return { value: await run() };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

it('the codec imports the bundle, and the bundle requires no module at run time', () => {
	expect(require.resolve('../../nodes/SortedPro/transport/vendor/xml2js')).toBe(BUNDLE);
	const code = fs.readFileSync(BUNDLE, 'utf8');
	expect(code).not.toMatch(/\brequire\s*\(/);
	expect(code).not.toMatch(/\bimport\s*\(/);
});

it(`Builder writes what the xml2js package writes, errors included (${RUNS} random bodies)`, async () => {
	await fc.assert(
		fc.asyncProperty(name, element, async (root, body) => {
			const object = { [root]: body };
			expect(await settle(() => new bundled.Builder(builderOptions).buildObject(object))).toEqual(
				await settle(() => new original.Builder(builderOptions).buildObject(object)),
			);
		}),
		{ numRuns: RUNS },
	);
});

it(`Parser reads what the xml2js package reads, errors included (${RUNS} random answers)`, async () => {
	await fc.assert(
		fc.asyncProperty(name, fc.dictionary(name, element), fc.nat(), async (root, body, cut) => {
			const xml = new original.Builder(builderOptions).buildObject({ [root]: body });
			for (const input of [xml, xml.slice(0, cut % (xml.length + 1))]) {
				const ours = new bundled.Parser(parserOptions(bundled));
				const theirs = new original.Parser(parserOptions(original));
				expect(await settle(() => ours.parseStringPromise(input))).toEqual(
					await settle(() => theirs.parseStringPromise(input)),
				);
			}
		}),
		{ numRuns: RUNS },
	);
});

it('a Parser is reusable after an error, as with the xml2js package', async () => {
	for (const xml2js of [bundled, original]) {
		const parser = new xml2js.Parser(parserOptions(xml2js));
		await expect(parser.parseStringPromise('<a><b></a>')).rejects.toThrow(/Unexpected close tag/);
		await expect(parser.parseStringPromise('<a><b>1</b></a>')).resolves.toEqual({
			a: { b: ['1'] },
		});
	}
});

it('the async option, which needs timers, fails with an error saying so', async () => {
	await expect(new bundled.Parser({ async: true }).parseStringPromise('<a/>')).rejects.toThrow(
		'xml2js option "async" is not available in this bundle',
	);
});

type Step =
	| { op: 'on' | 'once' | 'off'; event: string; listener: number }
	| { op: 'removeAll'; event?: string }
	| { op: 'emit'; event: string };

const eventName = fc.constantFrom('end', 'error', 'data');
const stepArb: fc.Arbitrary<Step> = fc.oneof(
	fc.record({
		op: fc.constantFrom('on' as const, 'once' as const, 'off' as const),
		event: eventName,
		listener: fc.nat(3),
	}),
	fc.record({
		op: fc.constant('removeAll' as const),
		event: fc.option(eventName, { nil: undefined }),
	}),
	fc.record({ op: fc.constant('emit' as const), event: eventName }),
);

/** Runs the steps on an emitter; listener 3 removes every listener when called (as xml2js's reset does). */
function play(Emitter: typeof NodeEventEmitter, steps: Step[]): string[] {
	const log: string[] = [];
	const emitter = new Emitter();
	const listeners = [0, 1, 2, 3].map(
		(id) =>
			function (this: unknown, ...args: unknown[]) {
				log.push(`${id}:${String(args[0])}:${this === emitter}`);
				if (id === 3) emitter.removeAllListeners();
			},
	);
	steps.forEach((step, index) => {
		if (step.op === 'on') emitter.on(step.event, listeners[step.listener]);
		else if (step.op === 'once') emitter.once(step.event, listeners[step.listener]);
		else if (step.op === 'off') emitter.removeListener(step.event, listeners[step.listener]);
		// xml2js calls removeAllListeners() bare; Node reads an explicit undefined as an event name.
		else if (step.op === 'removeAll' && step.event === undefined) emitter.removeAllListeners();
		else if (step.op === 'removeAll') emitter.removeAllListeners(step.event);
		else {
			try {
				log.push(`emit ${step.event}: ${emitter.emit(step.event, index)}`);
			} catch (error) {
				log.push(`threw ${(error as Error).message}`);
			}
		}
		log.push(`count ${['end', 'error', 'data'].map((e) => emitter.listenerCount(e)).join(',')}`);
	});
	return log;
}

it(`the EventEmitter stand-in behaves as Node's (${RUNS} random sequences)`, () => {
	fc.assert(
		fc.property(fc.array(stepArb, { maxLength: 25 }), (steps) => {
			expect(play(ShimEventEmitter, steps)).toEqual(play(NodeEventEmitter, steps));
		}),
		{ numRuns: RUNS },
	);
	const unhandled = new Error('parse failed');
	expect(() => new ShimEventEmitter().emit('error', unhandled)).toThrow(unhandled);
});

it('the licence of every bundled package ships beside the bundle', () => {
	const licences = fs.readFileSync(path.join(path.dirname(BUNDLE), 'xml2js.LICENSES.txt'), 'utf8');
	const banner = fs.readFileSync(BUNDLE, 'utf8').split('\n')[0];
	for (const pkg of ['xml2js', 'sax', 'xmlbuilder']) {
		const { version, license } = JSON.parse(
			fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8'),
		) as { version: string; license: string };
		expect(licences).toContain(`${pkg} ${version} (${license})`);
		expect(banner).toContain(`${pkg} ${version} (${license})`);
	}
	expect(licences).toContain('Permission is hereby granted, free of charge');
	expect(licences).toContain('Blue Oak Model License');
});
