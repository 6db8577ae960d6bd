/**
 * SortedPRO Trigger: poll() through n8n-core's own PollContext (static data kept between polls,
 * saved when n8n saves it) against the simulator, whose events log records every state a
 * consignment enters and every consignment event.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SortedProTrigger } from '../../nodes/SortedPro/SortedProTrigger.node';
import { CREDENTIAL_TYPE } from '../constants';
import { Poller } from '../harness';
import type { Simulator } from '../simulator';
import { allocate, API_KEY, credentialType, refsItems, runSortedPro, useSimulator } from './setup';

const TRIGGER_TYPE = 'n8n-nodes-sortedpro.sortedProTrigger';
const nodeTypes = { [TRIGGER_TYPE]: new SortedProTrigger() };
const sim = useSimulator({ autoCreate: /^EC-/ });
const MINUTE = 60_000;

const poller = (parameters: INodeParameters) =>
	new Poller({
		nodeTypes,
		type: TRIGGER_TYPE,
		parameters,
		credentialTypes: [credentialType],
		credentials: {
			[CREDENTIAL_TYPE]: { apiKey: API_KEY, environment: 'custom', baseUrl: sim.baseUrl },
		},
	});
const onStates = (states: string[], options: IDataObject = {}) =>
	poller({ triggerOn: 'consignmentState', states, options } as INodeParameters);
const onEvents = (eventTypes: string[], options: IDataObject = {}) =>
	poller({ triggerOn: 'consignmentEvent', eventTypes, options } as INodeParameters);

/** The emitted items as "reference state-or-type" lines. */
const emitted = (result: INodeExecutionData[][] | null) =>
	(result?.[0] ?? []).map(
		({ json }) =>
			`${String(json.ConsignmentReference)} ${String(json.EventType ?? json.ConsignmentState)}`,
	);
const eventQueries = (s: Simulator) => s.requests.filter((r) => r.path.startsWith('/events/'));
const failure = async (promise: Promise<unknown>) =>
	await promise.then(
		() => {
			throw new Error('expected the poll to fail');
		},
		(error: Error & { httpCode?: string; description?: string }) => error,
	);

describe('SortedPRO Trigger: each matching event once', () => {
	it('emits nothing from before activation, then each state reached once; an idle poll is one request', async () => {
		sim.setState('EC-000-000-OLD', 'Delivered');
		const trigger = onStates(['Delivered', 'DeliveryFailed']).activate();
		expect(await trigger.poll()).toBeNull();
		sim.setState('EC-000-000-001', 'Delivered');
		sim.setState('EC-000-000-002', 'InTransit');
		sim.setState('EC-000-000-003', 'DeliveryFailed');
		expect(emitted(await trigger.poll())).toEqual([
			'EC-000-000-001 Delivered',
			'EC-000-000-003 DeliveryFailed',
		]);
		const before = eventQueries(sim).length;
		expect(await trigger.poll()).toBeNull();
		expect(eventQueries(sim).length - before).toBe(1);
	});

	it("follows the simulator's life of a consignment: allocated, labels printed, manifested, delivered", async () => {
		const states = onStates(['Allocated', 'Manifested', 'Delivered']).activate();
		const labels = onEvents(['LabelsPrinted']).activate();
		await Promise.all([states.poll(), labels.poll()]);
		const refs = ['EC-000-00L-001', 'EC-000-00L-002'];
		await allocate({ sim, items: refsItems(refs) });
		const label = { resource: 'label', operation: 'get', consignmentReference: '={{ $json.ref }}' };
		await runSortedPro(sim, label, refsItems(refs));
		const manifest = { resource: 'manifest', operation: 'manifestConsignments' };
		await runSortedPro(
			sim,
			{ ...manifest, consignmentReferences: '={{ $json.ref }}' },
			refsItems(refs),
		);
		sim.setState(refs[0], 'Delivered');
		expect(emitted(await states.poll())).toEqual([
			...refs.map((ref) => `${ref} Allocated`),
			...refs.map((ref) => `${ref} Manifested`),
			`${refs[0]} Delivered`,
		]);
		const printed = await labels.poll();
		expect(emitted(printed)).toEqual(refs.map((ref) => `${ref} LabelsPrinted`));
		expect(printed?.[0][1].json).toMatchObject({
			EventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			EventDate: expect.any(String),
			Message: expect.any(String),
			ConsignmentState: 'Manifested',
		});
	});

	it.each([
		['wrapped answer, events newest first', { eventsAnswer: 'wrapped', eventsOrder: 'desc' }],
		['bare list, oldest first', { eventsAnswer: 'array', eventsOrder: 'asc' }],
	] as const)('works through a backlog larger than one answer (%s)', async (_name, options) => {
		sim.setOption('eventsAnswer', options.eventsAnswer);
		sim.setOption('eventsOrder', options.eventsOrder);
		sim.setOption('eventsCap', 40);
		const start = Date.now() - 30 * MINUTE;
		const backlog = Array.from({ length: 300 }, (_, i) => ({
			reference: `EC-000-BCK-${String(i).padStart(3, '0')}`,
			type: 'ConsignmentCreated',
			time: start + i * 5000,
		}));
		sim.addEvents(backlog);
		const trigger = onEvents(['ConsignmentCreated'], {
			startFrom: new Date(start - MINUTE).toISOString(),
		}).activate();
		const items = (await trigger.poll())?.[0] ?? [];
		expect(items.map(({ json }) => json.ConsignmentReference)).toEqual(
			backlog.map((event) => event.reference),
		);
		expect(await trigger.poll()).toBeNull();
	});

	it('emits an event written late inside the overlap, once', async () => {
		const trigger = onEvents(['ConsignmentCreated']).activate();
		await trigger.poll();
		sim.addEvents([
			{ reference: 'EC-000-000-LAT', type: 'ConsignmentCreated', time: Date.now() - 30_000 },
		]);
		expect(emitted(await trigger.poll())).toEqual(['EC-000-000-LAT ConsignmentCreated']);
		expect(await trigger.poll()).toBeNull();
	});

	it('copes with a server clock a minute behind', async () => {
		sim.setOption('clockOffsetMs', -MINUTE);
		const trigger = onStates(['Delivered']).activate();
		await trigger.poll();
		sim.setState('EC-000-000-SKW', 'Delivered');
		expect(emitted(await trigger.poll())).toEqual(['EC-000-000-SKW Delivered']);
	});
});

describe('SortedPRO Trigger: activation, restart and the state-events path', () => {
	it('goes on after a restart from the saved window; a new activation skips what happened while inactive', async () => {
		const trigger = onStates(['Delivered']).activate();
		await trigger.poll();
		sim.setState('EC-000-000-R01', 'Delivered');
		expect(emitted(await trigger.poll())).toEqual(['EC-000-000-R01 Delivered']);
		expect(await trigger.poll()).toBeNull(); // not saved: n8n saves static data on emit
		sim.setState('EC-000-000-R02', 'Delivered');
		trigger.restart();
		expect(emitted(await trigger.poll())).toEqual(['EC-000-000-R02 Delivered']);
		sim.setState('EC-000-000-R03', 'Delivered');
		trigger.activate('activate');
		expect(await trigger.poll()).toBeNull();
		sim.setState('EC-000-000-R04', 'Delivered');
		expect(emitted(await trigger.poll())).toEqual(['EC-000-000-R04 Delivered']);
	});

	it.each(['sdk', 'docs', 'both'] as const)(
		'finds the state-events path SortedPRO routes (%s) and remembers it',
		async (served) => {
			sim.setOption('stateEventsPath', served);
			const trigger = onStates(['Delivered']).activate();
			await trigger.poll();
			sim.setState('EC-000-000-PTH', 'Delivered');
			expect(emitted(await trigger.poll())).toEqual(['EC-000-000-PTH Delivered']);
			const paths = eventQueries(sim).map((r) => r.path);
			const working =
				served === 'docs' ? '/events/consignments/stateevents' : '/events/consignmentstateevents';
			// After the first answer only the path that answered is asked.
			expect(paths.slice(served === 'docs' ? 2 : 1).every((path) => path === working)).toBe(true);
			expect(trigger.staticData['node:SortedPRO Trigger']).toMatchObject(
				served === 'docs' ? { statePath: working } : {},
			);
		},
	);
});

describe('SortedPRO Trigger: failures move nothing', () => {
	it.each([
		[
			'500 on every attempt',
			{ status: 500, body: { Message: 'Events are unavailable' }, headers: { 'Retry-After': '0' } },
			/Events are unavailable/,
		],
		[
			'an answer that is not JSON',
			{ status: 200, body: 'not json', contentType: 'application/json' },
			/could not be read/,
		],
		[
			'a list of something else',
			{ status: 200, body: { Events: [{ Nothing: 1 }] } },
			/no ConsignmentReference/,
		],
	])(
		'%s: the poll fails, and the next poll gets the same events',
		async (_name, answer, message) => {
			const trigger = onEvents(['LabelsPrinted']).activate();
			await trigger.poll();
			sim.addEvents([{ reference: 'EC-000-000-FLT', type: 'LabelsPrinted' }]);
			const saved = trigger.staticData;
			// A 500 is tried 4 times (3 retries); an unreadable answer is not retried.
			sim.failNext({ ...answer, path: '/events/consignments' }, answer.status === 500 ? 4 : 1);
			const error = await failure(trigger.poll());
			expect(error.message).toMatch(message);
			expect(error.message + String(error.description)).not.toMatch(/may have/i);
			expect(trigger.staticData).toEqual(saved);
			expect(emitted(await trigger.poll())).toEqual(['EC-000-000-FLT LabelsPrinted']);
		},
	);

	it('retries a 429 after its Retry-After', async () => {
		const trigger = onEvents(['LabelsPrinted']).activate();
		await trigger.poll();
		sim.addEvents([{ reference: 'EC-000-000-429', type: 'LabelsPrinted' }]);
		sim.failNext({ status: 429, headers: { 'Retry-After': '0' }, path: '/events/consignments' });
		expect(emitted(await trigger.poll())).toEqual(['EC-000-000-429 LabelsPrinted']);
	});

	it.each([
		['no state chosen', { triggerOn: 'consignmentState', states: [] }, /"States" is empty/],
		['no type chosen', { triggerOn: 'consignmentEvent', eventTypes: [] }, /"Event Types" is empty/],
		[
			'a Start From that is no date',
			{ triggerOn: 'consignmentState', states: ['Delivered'], options: { startFrom: 'soon' } },
			/"Start From" is not a date/,
		],
	])('refuses %s before sending anything', async (_name, parameters, message) => {
		const error = await failure(
			poller(parameters as INodeParameters)
				.activate()
				.poll(),
		);
		expect(error.message).toMatch(message);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('SortedPRO Trigger: Fetch Test Event and Include Consignment', () => {
	it('returns the most recent matching event without moving the window; none is a clear error', async () => {
		const trigger = onStates(['Delivered']).activate();
		await trigger.poll();
		const saved = trigger.staticData;
		const none = await failure(trigger.fetchTestEvent());
		expect(none.message).toBe('No consignment in state Delivered in SortedPRO in the last 7 days');
		sim.addEvents([
			{ reference: 'EC-000-000-S01', state: 'Delivered', time: Date.now() - 2 * 86_400_000 },
			{ reference: 'EC-000-000-S02', state: 'Delivered', time: Date.now() - 86_400_000 },
		]);
		expect(emitted(await trigger.fetchTestEvent())).toEqual(['EC-000-000-S02 Delivered']);
		expect(trigger.staticData).toEqual(saved);
	});

	it('adds the whole consignment, or says SortedPRO no longer has it', async () => {
		sim.setOption('autoCreate', null);
		sim.addConsignments([{ reference: 'EC-000-000-INC', state: 'Allocated' }]);
		const trigger = onStates(['Delivered'], { includeConsignment: true }).activate();
		await trigger.poll();
		sim.setState('EC-000-000-INC', 'Delivered');
		sim.addEvents([{ reference: 'EC-000-000-GON', state: 'Delivered' }]);
		const [items] = (await trigger.poll()) ?? [[]];
		expect(
			items.map(({ json }) => [
				json.ConsignmentReference,
				(json.Consignment as IDataObject)?.ConsignmentState,
				json.ConsignmentError,
			]),
		).toEqual([
			['EC-000-000-INC', 'Delivered', undefined],
			[
				'EC-000-000-GON',
				undefined,
				'SortedPRO answered 404: consignment EC-000-000-GON was not found',
			],
		]);
		expect(JSON.stringify(items)).not.toContain(API_KEY);
	});
});
