import { parseStringPromise } from 'xml2js';

import { encodeAllocateWithCarrierService as encodeAllocateRequest } from '../../nodes/SortedPro/actions/allocation/allocateWithCarrierService.operation';
import { decodeAllocationSummaries } from '../../nodes/SortedPro/actions/allocation/allocationSummaries';
import {
	CarrierServicesRefusedError,
	decodeCarrierServices,
} from '../../nodes/SortedPro/actions/allocation/carrierServices';
import { decodeApiError } from '../../nodes/SortedPro/transport/errors';

const CONSIGNMENTS = 'http://electioapp.com/schemas/v1.1/MPD.Electio.SDK.DataTypes.Consignments';
const COMMON = 'http://electioapp.com/schemas/v1.1/MPD.Electio.SDK.DataTypes.Common';

// The contract's example summary, in JSON and as the XML serializer writes it.
const jsonAnswer = JSON.stringify([
	{
		StatusCode: 200,
		ApiLinks: [
			{ Rel: 'detail', Href: 'https://api.electioapp.com/consignments/EC-000-05B-MMA' },
			{ Rel: 'label', Href: 'https://api.electioapp.com/labels/EC-000-05B-MMA' },
		],
		Description:
			'Consignment EC-000-05B-MMA has been successfully allocated with Carrier X Next Day Super',
		ConsignmentLegs: [
			{
				Leg: 1,
				TrackingReferences: ['TRK00009823'],
				CarrierReference: 'CARRIER_X',
				CarrierServiceReference: null,
				CarrierName: 'Carrier X',
			},
		],
		CarrierReference: 'CARRIER_X',
		CarrierName: 'Carrier X',
		CarrierServiceReference: 'CX_NDS',
		CarrierServiceName: 'Next Day Super',
	},
]);
const link = (rel: string, href: string) =>
	`<ApiLink><Rel xmlns="${COMMON}">${rel}</Rel><Href xmlns="${COMMON}">${href}</Href></ApiLink>`;
const xmlAnswer = `<?xml version="1.0" encoding="utf-8"?>
<ArrayOfAllocationSummary xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <AllocationSummary>
    <StatusCode xmlns="${CONSIGNMENTS}">200</StatusCode>
    <ApiLinks xmlns="${CONSIGNMENTS}">${link('detail', 'https://api.electioapp.com/consignments/EC-000-05B-MMA')}${link('label', 'https://api.electioapp.com/labels/EC-000-05B-MMA')}</ApiLinks>
    <Description xmlns="${CONSIGNMENTS}">Consignment EC-000-05B-MMA has been successfully allocated with Carrier X Next Day Super</Description>
    <ConsignmentLegs xmlns="${CONSIGNMENTS}"><ConsignmentLeg><Leg>1</Leg><TrackingReferences><string>TRK00009823</string></TrackingReferences><CarrierReference>CARRIER_X</CarrierReference><CarrierName>Carrier X</CarrierName></ConsignmentLeg></ConsignmentLegs>
    <CarrierReference xmlns="${CONSIGNMENTS}">CARRIER_X</CarrierReference>
    <CarrierName xmlns="${CONSIGNMENTS}">Carrier X</CarrierName>
    <CarrierServiceReference xmlns="${CONSIGNMENTS}">CX_NDS</CarrierServiceReference>
    <CarrierServiceName xmlns="${CONSIGNMENTS}">Next Day Super</CarrierServiceName>
  </AllocationSummary>
</ArrayOfAllocationSummary>`;

describe('codec: Allocation Summaries', () => {
	it('XML and JSON answers decode to identical objects, types included', async () => {
		const fromJson = await decodeAllocationSummaries(jsonAnswer, 'application/json; charset=utf-8');
		const fromXml = await decodeAllocationSummaries(xmlAnswer, 'application/xml; charset=utf-8');
		expect(fromXml).toStrictEqual(fromJson);
		expect(fromXml[0].StatusCode).toBe(200);
		expect(Object.keys(fromXml[0])[0]).toBe('ConsignmentReference');
		expect(fromXml[0].ConsignmentReference).toBe('EC-000-05B-MMA');
		expect(Object.keys(fromXml[0])).toEqual(Object.keys(fromJson[0]));
		expect(
			(fromXml[0].ConsignmentLegs as Array<{ TrackingReferences: unknown }>)[0].TrackingReferences,
		).toEqual(['TRK00009823']);
	});

	it('fills absent fields with null, keeps unknown fields, turns an empty list into []', async () => {
		const xml = `<ArrayOfAllocationSummary><AllocationSummary><StatusCode>400</StatusCode><ConsignmentLegs/><Extra>x</Extra></AllocationSummary></ArrayOfAllocationSummary>`;
		const [summary] = await decodeAllocationSummaries(xml, 'text/xml');
		expect(summary).toStrictEqual({
			ConsignmentReference: null,
			StatusCode: 400,
			ApiLinks: null,
			Description: null,
			ConsignmentLegs: [],
			CarrierReference: null,
			CarrierName: null,
			CarrierServiceReference: null,
			CarrierServiceName: null,
			Extra: 'x',
		});
		const [fromJson] = await decodeAllocationSummaries(
			'[{"StatusCode":400,"ConsignmentLegs":[],"Extra":"x"}]',
			'application/json',
		);
		expect(fromJson).toStrictEqual(summary);
	});

	it('an empty XML array is an empty list; a non-array JSON answer is refused', async () => {
		expect(
			await decodeAllocationSummaries('<ArrayOfAllocationSummary/>', 'application/xml'),
		).toEqual([]);
		await expect(decodeAllocationSummaries('{"a":1}', 'application/json')).rejects.toThrow(
			'expected a JSON array',
		);
		await expect(decodeAllocationSummaries('<a><b></a>', 'application/xml')).rejects.toThrow();
	});
});

describe('codec: request bodies', () => {
	it('JSON body is the documented object', async () => {
		expect(
			JSON.parse(await encodeAllocateRequest('json', 'Example-Carrier-Service', ['EC-1', 'EC-2'])),
		).toEqual({
			MpdCarrierServiceReference: 'Example-Carrier-Service',
			ConsignmentReferences: ['EC-1', 'EC-2'],
		});
	});

	it('XML body has the documented root, namespaces and element order, and escapes special characters', async () => {
		const xml = await encodeAllocateRequest('xml', 'Svc&<1>', ['EC-000-05A-Z6S', 'EC-<&>"\'']);
		expect(
			xml.startsWith(
				'<?xml version="1.0" encoding="utf-8"?><AllocateConsignmentsWithCarrierServiceRequest',
			),
		).toBe(true);
		expect(xml).toContain(`xmlns="${CONSIGNMENTS}"`);
		expect(xml).toContain('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"');
		expect(xml).toContain(
			'<ConsignmentReferences><string>EC-000-05A-Z6S</string><string>EC-&lt;&amp;&gt;"\'</string></ConsignmentReferences><MpdCarrierServiceReference>Svc&amp;&lt;1&gt;</MpdCarrierServiceReference>',
		);
		const parsed = await parseStringPromise(xml);
		expect(
			parsed.AllocateConsignmentsWithCarrierServiceRequest.ConsignmentReferences[0].string,
		).toEqual(['EC-000-05A-Z6S', 'EC-<&>"\'']);
	});
});

describe('codec: errors and carrier services', () => {
	it('reads SortedPRO, gateway and XML error bodies, and nothing from HTML or empty bodies', async () => {
		expect(
			await decodeApiError(
				'{"Code":"NotFound","Message":"Item EC-1 not found","CorrelationId":"c-1","Details":[{"Code":"D","Target":"T","Message":"M"}]}',
			),
		).toEqual({
			Code: 'NotFound',
			Message: 'Item EC-1 not found',
			CorrelationId: 'c-1',
			Details: [{ Code: 'D', Target: 'T', Message: 'M' }],
		});
		expect(await decodeApiError('{"statusCode":401,"message":"Access denied"}')).toEqual({
			Message: 'Access denied',
		});
		expect(
			await decodeApiError(
				'<ApiError><Code>X</Code><Message>Bad &amp; wrong</Message><Details><ApiErrorDetail><Target>Ref</Target></ApiErrorDetail></Details></ApiError>',
			),
		).toEqual({
			Code: 'X',
			Message: 'Bad & wrong',
			CorrelationId: null,
			Details: [{ Code: null, Target: 'Ref', Message: null }],
		});
		expect(await decodeApiError('')).toBeUndefined();
		expect(await decodeApiError('<html><title>502</title></html>')).toBeUndefined();
		expect(await decodeApiError('[1,2]')).toBeUndefined();
	});

	it('reads carrier services from JSON and XML alike', async () => {
		const json = await decodeCarrierServices(
			'[{"Reference":"CX_NDS","Name":"Next Day Super"}]',
			'application/json',
		);
		const xml = await decodeCarrierServices(
			'<ArrayOfCarrierService><CarrierService><Reference>CX_NDS</Reference><Name>Next Day Super</Name></CarrierService></ArrayOfCarrierService>',
			'application/xml',
		);
		expect(xml).toStrictEqual(json);
		expect(json[0]).toMatchObject({ Reference: 'CX_NDS', Name: 'Next Day Super' });
	});

	it('reads the documented SubscriptionMpdCarrierServiceResponse wrapper, JSON and XML alike', async () => {
		const json = await decodeCarrierServices(
			'{"Success":true,"ErrorMessage":null,"MpdCarrierServices":[{"Name":"Tracked 48 ","Reference":"MPD_RMDTPS48HNAUT","Status":2,"Journey":[{"CarrierService":{"Reference":"RMDTPS48HNAUT"}}]}]}',
			'application/json',
		);
		expect(json).toEqual([
			expect.objectContaining({ Reference: 'MPD_RMDTPS48HNAUT', Name: 'Tracked 48 ', Status: 2 }),
		]);
		const xml = await decodeCarrierServices(
			`<SubscriptionMpdCarrierServiceResponse><Success>true</Success><MpdCarrierServices><MpdCarrierService><Name xmlns="${COMMON}">Tracked 48 </Name><Reference xmlns="${COMMON}">MPD_RMDTPS48HNAUT</Reference><Status xmlns="${COMMON}">Disabled</Status></MpdCarrierService></MpdCarrierServices></SubscriptionMpdCarrierServiceResponse>`,
			'application/xml',
		);
		expect(xml).toEqual([
			expect.objectContaining({
				Reference: 'MPD_RMDTPS48HNAUT',
				Name: 'Tracked 48 ',
				Status: 'Disabled',
			}),
		]);
		expect(
			await decodeCarrierServices(
				'<SubscriptionMpdCarrierServiceResponse><Success>true</Success><MpdCarrierServices /></SubscriptionMpdCarrierServiceResponse>',
				'text/xml',
			),
		).toEqual([]);
	});

	it('Success false is CarrierServicesRefusedError with the ErrorMessage, JSON and XML', async () => {
		await expect(
			decodeCarrierServices(
				'{"Success":false,"ErrorMessage":"Subscription suspended","MpdCarrierServices":null}',
				'application/json',
			),
		).rejects.toThrow(new CarrierServicesRefusedError('Subscription suspended'));
		await expect(
			decodeCarrierServices(
				'<SubscriptionMpdCarrierServiceResponse><Success>false</Success></SubscriptionMpdCarrierServiceResponse>',
				'application/xml',
			),
		).rejects.toBeInstanceOf(CarrierServicesRefusedError);
		await expect(decodeCarrierServices('{"Success":true}', 'application/json')).rejects.toThrow(
			'expected MpdCarrierServices to be a list',
		);
		await expect(decodeCarrierServices('"text"', 'application/json')).rejects.toThrow(
			'expected a JSON object or array',
		);
	});
});
