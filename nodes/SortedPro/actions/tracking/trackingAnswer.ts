import type { IDataObject } from 'n8n-workflow';

import { decodeAnswer, type Schema } from '../../transport/codec';

// GET /tracking/{ref}: packages → legs → events. GET /tracking/flattened/{ref}: packages →
// events, each naming its CarrierServiceName. XML element names of the list entries are
// guesses (SortedPRO shows no tracking XML).
const EVENT: Schema = {
	TimeStamp: 'string',
	Code: 'string',
	Description: 'string',
	SignedBy: 'string',
	Location: 'string',
};
const FLAT_EVENT: Schema = { ...EVENT, CarrierServiceName: 'string' };
const LEG: Schema = {
	CarrierServiceName: 'string',
	Events: { list: EVENT, item: 'TrackingEvent' },
};
const PACKAGE: Schema = {
	PackageReferenceForAllLegsAssignedByMpd: 'string',
	Legs: { list: LEG, item: 'TrackingLeg' },
};
const FLAT_PACKAGE: Schema = {
	PackageReferenceForAllLegsAssignedByMpd: 'string',
	Events: { list: FLAT_EVENT, item: 'TrackingEvent' },
};
const trackingSchema = (flattened: boolean): Schema => ({
	ConsignmentReferenceForAllLegsAssignedByMpd: 'string',
	TrackedPackages: { list: flattened ? FLAT_PACKAGE : PACKAGE, item: 'TrackedPackage' },
});

/** The tracking answer as plain objects; XML under whatever root SortedPRO names it. */
export async function decodeTracking(
	body: string,
	contentType: string | undefined,
	flattened: boolean,
): Promise<IDataObject> {
	const schema = trackingSchema(flattened);
	const anyRoot = new Proxy<Record<string, Schema>>({}, { get: () => schema });
	const { value } = await decodeAnswer(body, contentType, { object: schema, xmlRoots: anyRoot });
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		throw new Error('expected a tracking object');
	return value as IDataObject;
}

const list = (value: unknown): IDataObject[] =>
	Array.isArray(value)
		? (value as IDataObject[]).filter((entry) => entry && typeof entry === 'object')
		: [];

/** Every event of a tracking answer, one object each, with its package and carrier service, in SortedPRO's order. */
export function trackingEvents(reference: string, tracking: IDataObject): IDataObject[] {
	const events: IDataObject[] = [];
	for (const trackedPackage of list(tracking.TrackedPackages)) {
		const packageReference = trackedPackage.PackageReferenceForAllLegsAssignedByMpd ?? null;
		const legs = Array.isArray(trackedPackage.Legs) ? list(trackedPackage.Legs) : [trackedPackage];
		legs.forEach((leg, legIndex) => {
			for (const event of list(leg.Events)) {
				events.push({
					ConsignmentReference: reference,
					PackageReference: packageReference,
					Leg: Array.isArray(trackedPackage.Legs) ? legIndex + 1 : null,
					CarrierServiceName: event.CarrierServiceName ?? leg.CarrierServiceName ?? null,
					TimeStamp: event.TimeStamp ?? null,
					Code: event.Code ?? null,
					Description: event.Description ?? null,
					SignedBy: event.SignedBy ?? null,
					Location: event.Location ?? null,
				});
			}
		});
	}
	return events;
}
