/**
 * Consignment → Update, Add Package and Remove Package against the simulator: what is sent,
 * what is kept, what is refused before sending, SortedPRO's refusals, and what happens after a
 * request SortedPRO may have acted on.
 */
import { captureLogs } from '../harness';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { consignmentNode, createFromRow, rows } from './consignment-setup';
import { PACKAGE } from './operations';
import { pick, refsItems, requestsOf, useSimulator } from './setup';

captureLogs();

const ALLOCATED = 'EC-000-0CH-ALC';
const sim = useSimulator({
	consignments: [{ reference: ALLOCATED, state: 'Allocated', carrierServiceReference: 'CX_NDS' }],
});
const CREATED = 'EC-NEW-000-001';
const FIRST = 'EP-000-001-001';
const fast = { retryDelay: 0 };

/** Creates CREATED (one package, FIRST) through the node, then forgets that request. */
async function created() {
	expect((await consignmentNode(sim, 'create', createFromRow(), rows(1))).error).toBeUndefined();
	sim.requests.length = 0;
}
const change = async (operation: string, parameters: INodeParameters, ref = CREATED) =>
	await consignmentNode(sim, operation, { consignmentReference: ref, ...parameters }, [
		{ json: { ref } },
	]);
const stored = async () => (await change('get', {})).outputs[0][0].json;
const bodyOf = (method: string) =>
	JSON.parse(String(requestsOf(sim, method)[0].body)) as IDataObject;

describe('Consignment → Update', () => {
	it('changes only the given fields, keeps the packages, and outputs the consignment read back', async () => {
		await created();
		const otherChanges = '{"MetaData":[{"Key":"Gift","Value":"yes"}]}';
		const updateFields = { recipientPhone: '0161 496 0000', town: 'Salford', otherChanges };
		const { outputs, error } = await change('update', { updateFields });
		expect(error).toBeUndefined();
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /consignments/${CREATED}`,
			'PUT /consignments/',
			`GET /consignments/${CREATED}`,
		]);
		const sent = bodyOf('PUT');
		expect(sent).toMatchObject({
			Reference: CREATED,
			ConsignmentReferenceProvidedByCustomer: 'ORD-1',
		});
		expect(sent.MetaData).toEqual([{ Key: 'Gift', Value: 'yes' }]);
		const [item] = outputs[0];
		const json = item.json as { Packages: IDataObject[]; Addresses: IDataObject[] };
		expect(json.Packages.map((p) => [p.Reference, p.Description])).toEqual([[FIRST, 'Socks']]);
		const destination = json.Addresses.find((a) => a.AddressType === 'Destination');
		expect(destination).toMatchObject({
			AddressLine1: '13 Porter Street',
			Town: 'Salford',
			Contact: { FirstName: 'Peter', LastName: 'McPetersson', Telephone: '0161 496 0000' },
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('a PUT that got no answer is resent (it replaces the whole consignment: safe)', async () => {
		await created();
		sim.injectFaults([{ kind: 'status', status: 502, path: '/consignments/' }]);
		const result = await change('update', { updateFields: { town: 'Leeds' }, options: fast });
		expect(result.error).toBeUndefined();
		expect(requestsOf(sim)).toHaveLength(2);
	});

	it('refuses a consignment in a locked state before sending anything to change it', async () => {
		const { error } = await change('update', { updateFields: { town: 'Leeds' } }, ALLOCATED);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: `[item 0] Consignment ${ALLOCATED} is Allocated: SortedPRO allows changes only while a consignment is Unallocated or AllocationFailed`,
		});
		expect(requestsOf(sim)).toEqual([]);
	});

	it('carries SortedPRO’s refusal of the whole consignment', async () => {
		await created();
		const { error } = await change('update', { updateFields: { otherChanges: '{"Packages":[]}' } });
		expect(error).toMatchObject({
			httpCode: '400',
			message: `Could not update consignment ${CREATED}: The request is invalid`,
		});
	});
});

describe('Consignment → Add Package', () => {
	it('sends the package as Create maps it and outputs SortedPRO’s package', async () => {
		await created();
		const { outputs, error } = await change('addPackage', PACKAGE);
		expect(error).toBeUndefined();
		expect(bodyOf('POST')).toEqual({
			Weight: { Value: 0.3, Unit: 'Kg' },
			Dimensions: { Unit: 'Cm', Width: 15, Length: 20, Height: 5 },
			Description: 'Gloves',
			Value: { Amount: 12.5, Currency: { IsoCode: 'GBP' } },
		});
		expect(pick(outputs[0], 'ConsignmentReference', 'PackageReference')).toEqual([
			[CREATED, 'EP-000-001-002'],
		]);
		const packages = (await stored()).Packages as IDataObject[];
		expect(packages.map((p) => p.Reference)).toEqual([FIRST, 'EP-000-001-002']);
	});

	it('carries SortedPRO’s refusal of an allocated consignment', async () => {
		const { error } = await change('addPackage', PACKAGE, ALLOCATED);
		expect(error).toMatchObject({
			httpCode: '400',
			message: `Consignment ${ALLOCATED} cannot be changed because it is in state Allocated`,
		});
	});

	it.each([
		['a 500', { kind: 'status', status: 500 }, 'HTTP 500: '],
		['a dropped answer', { kind: 'drop' }, 'The connection to SortedPRO'],
	] as const)(
		'after %s, says the package may have been added and does not resend',
		async (_, fault, cause) => {
			await created();
			sim.injectFaults([{ ...fault, path: /\/addpackage$/ }]);
			const { error } = await change('addPackage', { ...PACKAGE, options: fast });
			expect(error?.message).toMatch(
				new RegExp(
					`^The package may have been added to consignment ${CREATED} although the request failed \\(${cause}.+\\); it was not resent: check the consignment's packages`,
				),
			);
			expect(requestsOf(sim, 'POST')).toHaveLength(1);
			expect((await stored()).Packages).toHaveLength(2);
		},
	);
});

describe('Consignment → Remove Package', () => {
	const remove = async (packageReference: string, more: INodeParameters = {}) =>
		await consignmentNode(sim, 'removePackage', { packageReference, ...more });

	it('removes the package from its consignment', async () => {
		await created();
		await change('addPackage', PACKAGE);
		const { outputs } = await remove(FIRST);
		expect(outputs[0].map((item) => item.json)).toEqual([
			{ PackageReference: FIRST, Removed: true },
		]);
		expect(requestsOf(sim, 'DELETE').map((r) => r.path)).toEqual([`/packages/${FIRST}`]);
		expect(((await stored()).Packages as IDataObject[]).map((p) => p.Reference)).toEqual([
			'EP-000-001-002',
		]);
	});

	it('an unknown package is SortedPRO’s 404', async () => {
		const { error } = await remove('EP-000-404-001');
		expect(error).toMatchObject({ httpCode: '404', message: 'Item EP-000-404-001 not found' });
	});

	it('a 404 on the resend after an attempt that removed it is reported as removed', async () => {
		await created();
		sim.injectFaults([{ kind: 'drop', path: /^\/packages\// }]);
		const { outputs, error } = await remove(FIRST, { options: fast });
		expect(error).toBeUndefined();
		expect(outputs[0][0].json).toMatchObject({ PackageReference: FIRST, Removed: true });
		expect(outputs[0][0].json.Notice).toMatch(
			/resent after an attempt that got no complete answer/,
		);
		expect(requestsOf(sim, 'DELETE')).toHaveLength(2);
	});
});

describe('a failure SortedPRO may have acted on, with no retry left, says so (resending is safe)', () => {
	it.each([
		[
			'update',
			{ updateFields: { town: 'Leeds' } },
			'/consignments/',
			`Consignment ${CREATED} may have been updated`,
		],
		[
			'removePackage',
			{ packageReference: FIRST },
			/^\/packages\//,
			`Package ${FIRST} may have been removed`,
		],
	] as const)('%s', async (operation, parameters, path, said) => {
		await created();
		sim.injectFaults([{ kind: 'status', status: 500, path }]);
		const { error } = await change(operation, { ...parameters, options: { retries: 0 } });
		expect(error?.message).toMatch(
			new RegExp(`^${said} although the request failed \\(.+\\): \\w+ it again is safe`),
		);
	});
});

describe('bad input is refused before any request, naming the item and the field', () => {
	const CASES: Array<[string, INodeParameters, string]> = [
		['update', { updateFields: {} }, '"Update Fields" has nothing to change'],
		['update', { updateFields: { countryCode: 'GBR' } }, '"Country Code" "GBR" is not an ISO'],
		[
			'update',
			{ updateFields: { otherChanges: '{oops' } },
			'"Other Changes (JSON)" is not valid JSON',
		],
		['addPackage', { ...PACKAGE, description: ' ' }, '"Description" is empty'],
		['addPackage', { ...PACKAGE, weight: 0 }, '"Weight" is empty or 0'],
		[
			'removePackage',
			{ packageReference: 'EP/1' },
			'"Package Reference" "EP/1" contains a character',
		],
	];
	it.each(CASES)('%s with %j', async (operation, parameters, problem) => {
		const result = await consignmentNode(
			sim,
			operation,
			{ consignmentReference: '={{ $json.ref }}', ...parameters },
			refsItems([ALLOCATED]),
		);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(`[item 0] ${problem}`);
		expect(sim.requests).toEqual([]);
	});
});
