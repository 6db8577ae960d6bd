/**
 * SortedPRO Trigger: poll() through n8n-core's own PollContext (static data kept between polls,
 * saved when n8n saves it) against the simulator, whose events log records every state a
 * consignment enters and every consignment event.
 */
import { allocate, refsItems, runSortedPro } from './setup';
import { emitted, eventQueries, MINUTE, triggerKit } from './trigger-setup';

const { sim, onStates, onEvents } = triggerKit();

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
			// Fetch Test Event asks the path that answered first.
			const before = eventQueries(sim).length;
			await trigger.fetchTestEvent();
			expect(
				eventQueries(sim)
					.slice(before)
					.map((r) => r.path),
			).toEqual([working]);
		},
	);
});
