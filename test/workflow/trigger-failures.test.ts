/** SortedPRO Trigger: failed polls, bad input, Fetch Test Event and Include Consignment. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { API_KEY } from './setup';
import { emitted, failure, triggerKit } from './trigger-setup';

const { sim, poller, onStates, onEvents } = triggerKit();

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
			expect(JSON.stringify(error) + error.message).not.toContain(API_KEY);
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
