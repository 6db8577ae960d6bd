'use strict';
/**
 * In-memory state: consignments (a Map, so large batches stay O(batch)) and carrier services.
 */
const { randomUUID } = require('crypto');
const {
	DEFAULT_CARRIER_SERVICES,
	DEFAULT_SERVICE_GROUPS,
	SERVICE_STATUS,
	STATES,
} = require('./defaults');
const { EventLog } = require('./events');

/** @typedef {import('./types').CarrierServiceConfig} CarrierServiceConfig */
/** @typedef {import('./types').ConsignmentSeed} ConsignmentSeed */
/** @typedef {import('./types').Consignment & Record<string, any>} Consignment */

/** @param {ConsignmentSeed} seed @returns {Consignment} */
function normaliseConsignment(seed) {
	const c = typeof seed === 'string' ? { reference: seed } : seed;
	if (!c || typeof c.reference !== 'string' || c.reference === '') {
		throw new TypeError(`Invalid consignment seed: ${JSON.stringify(seed)}`);
	}
	// A state may be seeded by its display name ("Allocation Failed"); it is kept as the API names it.
	const state = c.state ? c.state.replace(/[\s-]+/g, '') : STATES.unallocated;
	/** @type {Consignment} */
	const out = { reference: c.reference, state };
	if (c.carrierServiceReference) out.carrierServiceReference = c.carrierServiceReference;
	// Packages given whole, or by their number only (references EP-… as for a created consignment).
	if (c.packages)
		/** @type {any} */ (out).packages = Array.isArray(c.packages)
			? c.packages
			: Array.from({ length: c.packages }, () => ({}));
	// Addresses and a customer reference, as a created consignment keeps them.
	if (c.addresses) /** @type {any} */ (out).addresses = c.addresses;
	if (c.customerReference) /** @type {any} */ (out).customerReference = c.customerReference;
	return out;
}

/** A RegExp without g/y flags, so .test() has no state. @param {RegExp | string | null | undefined} re */
function statelessRegExp(re) {
	if (re === null || re === undefined || re === '') return null;
	const r = typeof re === 'string' ? new RegExp(re) : re;
	if (!(r instanceof RegExp)) throw new TypeError('autoCreate must be a RegExp');
	return new RegExp(r.source, r.flags.replace(/[gy]/g, ''));
}

/** @param {CarrierServiceConfig & Record<string, unknown>} s */
function normaliseService(s) {
	if (!s || typeof s.Reference !== 'string' || s.Reference === '') {
		throw new TypeError(`Invalid carrier service: ${JSON.stringify(s)}`);
	}
	const refuses = s.refuses instanceof RegExp ? statelessRegExp(s.refuses) : s.refuses;
	return { ...s, Name: s.Name ?? /** @type {any} */ (s).CarrierServiceName ?? null, refuses };
}

/** Service fields GET /carrierservices does not list as they are (renamed, derived, or config only). */
const LISTED_APART = ['Reference', 'Name', 'CarrierReference', 'CarrierName', 'Status'].concat([
	'refuses',
	'refuseReason',
	'direction',
	'CarrierServiceName',
]);

class Store {
	/**
	 * @param {{ consignments?: ConsignmentSeed[], carrierServices?: CarrierServiceConfig[], serviceGroups?: Record<string, string[]>, autoCreate?: RegExp | string | null }} opts
	 */
	constructor(opts) {
		/** @type {Consignment[]} seeded consignments, restored by reset() */
		this.seed = (opts.consignments || []).map(normaliseConsignment);
		/** what the Events API answers: state changes and consignment events */
		this.events = new EventLog();
		const events = this.events;
		/** @type {Map<string, Consignment>} every record in it logs its state changes */
		this.consignments = new (class extends Map {
			/** @param {string} reference @param {Consignment} record */
			set(reference, record) {
				return super.set(reference, events.track(record));
			}
		})();
		/** @type {Map<string, ReturnType<typeof normaliseService>>} */
		this.services = new Map();
		for (const s of opts.carrierServices || DEFAULT_CARRIER_SERVICES) {
			const n = normaliseService(/** @type {any} */ (s));
			this.services.set(n.Reference, n);
		}
		/** @type {Record<string, string[]>} group code → service references, cheapest first */
		this.serviceGroups = opts.serviceGroups || DEFAULT_SERVICE_GROUPS;
		/** @type {Map<string, { consignmentReference: string, serviceReference: string }>} issued quotes by QuoteReference (lower case) */
		this.quotes = new Map();
		/** @type {Map<string, import('./types').Quote[]>} quotes issued by GET /quotes/consignment/{ref}, by consignment reference */
		this.quotesByConsignment = new Map();
		this.initialAutoCreate = statelessRegExp(opts.autoCreate);
		/** @type {RegExp | null} */
		this.autoCreate = this.initialAutoCreate;
		/** consignments created through the API since the start or the last reset */
		this.createdCount = 0;
		this.reset();
	}

	/** Back to the consignments given at start (and their states) and the initial autoCreate; forget issued quotes. */
	reset() {
		this.consignments.clear();
		this.events.clear();
		this.quotes.clear();
		this.quotesByConsignment.clear();
		for (const c of this.seed) this.consignments.set(c.reference, { ...c });
		this.autoCreate = this.initialAutoCreate;
		this.createdCount = 0;
	}

	/**
	 * Keep a consignment created through POST /consignments under a new `EC-xxx-xxx-xxx`
	 * reference (a counter: EC-NEW-000-001, …; restarts on reset); reset() drops them.
	 * @param {{ state: string } & Record<string, unknown>} record @returns {Consignment}
	 */
	addCreated(record) {
		const n = ++this.createdCount;
		const group = (/** @type {number} */ value) =>
			value.toString(36).toUpperCase().padStart(3, '0');
		const reference = `EC-NEW-${group(Math.floor(n / 46656) % 46656)}-${group(n % 46656)}`;
		const created = { ...record, reference };
		this.consignments.set(reference, created);
		const customer = /** @type {any} */ (created).customerReference;
		this.events.add({ reference, type: 'ConsignmentCreated', customerReference: customer });
		return created;
	}

	/**
	 * Record the quotes last issued for a consignment; each QuoteReference then allocates with
	 * its quote's service (see quote()). @param {string} reference @param {any[]} quotes
	 */
	issueQuotes(reference, quotes) {
		this.quotesByConsignment.set(reference, quotes);
		for (const q of quotes)
			this.quotes.set(String(q.QuoteReference).toLowerCase(), {
				consignmentReference: reference,
				serviceReference: q.MpdCarrierServiceReference,
			});
	}

	/**
	 * The quotes last issued for a consignment (copies; [] when none since reset), e.g. for
	 * Allocate With Quote to check a QuoteReference against.
	 * @param {string} reference @returns {import('./types').Quote[]}
	 */
	quotesFor(reference) {
		return (this.quotesByConsignment.get(reference) || []).map((q) => structuredClone(q));
	}

	/** @param {RegExp | string | null} re */
	setAutoCreate(re) {
		this.autoCreate = statelessRegExp(re);
	}

	/**
	 * @param {ConsignmentSeed[]} list
	 * @param {boolean} [persist] also add them to the seed, so reset() keeps them
	 */
	add(list, persist = false) {
		for (const seed of list) {
			const c = normaliseConsignment(seed);
			this.consignments.set(c.reference, c);
			if (persist) {
				const i = this.seed.findIndex((s) => s.reference === c.reference);
				if (i >= 0) this.seed[i] = { ...c };
				else this.seed.push({ ...c });
			}
		}
	}

	/**
	 * The live record of a consignment; an unknown reference matching autoCreate is an
	 * Unallocated consignment (created in the Map on first lookup).
	 * @param {string} reference
	 * @returns {Consignment | undefined}
	 */
	lookup(reference) {
		const c = this.consignments.get(reference);
		if (c || !this.exists(reference)) return c;
		const created = { reference, state: STATES.unallocated };
		this.consignments.set(reference, created);
		return created;
	}

	/** @param {string} reference */
	exists(reference) {
		return this.consignments.has(reference) || !!this.autoCreate?.test(reference);
	}

	/** A copy for callers, or undefined. @param {string} reference @returns {Consignment | undefined} */
	get(reference) {
		const c = this.consignments.get(reference);
		if (c) return { ...c };
		return this.exists(reference) ? { reference, state: STATES.unallocated } : undefined;
	}

	/** @param {string} reference */
	service(reference) {
		return this.services.get(reference);
	}

	/**
	 * Carrier services as GET /carrierservices lists them: SortedPRO's MpdCarrierService fields
	 * (config-only fields removed). The carrier's own service code is only in Journey, as in
	 * SortedPRO's examples, where it differs from the MPD Reference.
	 * @param {string} nameField field carrying the display name ("Name" or "CarrierServiceName")
	 */
	publicServices(nameField = 'Name') {
		return [...this.services.values()].map((s) => {
			const { Reference, Name, CarrierReference, CarrierName, Status } = s;
			const extra = Object.fromEntries(
				Object.entries(s).filter(([k]) => !LISTED_APART.includes(k)),
			);
			const carrierCode =
				Reference.replace(/^MPD_/, '') + (Reference.startsWith('MPD_') ? '' : '_CARRIER');
			return {
				[nameField]: Name,
				Description: `${CarrierName} ${String(Name).trim()}`,
				Reference,
				MpdCarrierReference: CarrierReference,
				CarrierName,
				CarrierAccountOwner: 'Electio',
				Status: Status ?? SERVICE_STATUS.enabled,
				Journey: [
					{
						JourneyStage: 1,
						CarrierService: { Reference: carrierCode, Name, CarrierReference, CarrierName },
					},
				],
				IsConfigured: true,
				...extra,
			};
		});
	}

	/** Carrier services that can be allocated to (not Disabled), in configured order: the default rules' candidates. */
	enabledServices() {
		return [...this.services.values()].filter((s) => s.Status !== SERVICE_STATUS.disabled);
	}

	/** The services of a service group, or undefined for an unknown group. @param {string} code */
	serviceGroup(code) {
		const refs = Object.prototype.hasOwnProperty.call(this.serviceGroups, code)
			? this.serviceGroups[code]
			: undefined;
		return refs && refs.map((ref) => this.services.get(ref)).filter(Boolean);
	}

	/** A new quote (a GUID) for allocating `consignmentReference` with `serviceReference`. @param {string} consignmentReference @param {string} serviceReference */
	issueQuote(consignmentReference, serviceReference) {
		if (!this.services.has(serviceReference))
			throw new TypeError(`issueQuote: unknown carrier service ${serviceReference}`);
		const quoteReference = randomUUID();
		this.quotes.set(quoteReference.toLowerCase(), { consignmentReference, serviceReference });
		return quoteReference;
	}

	/**
	 * The service a quote allocates with: an issued quote's own (and the consignment it is for);
	 * any other GUID maps to an enabled service by its first 8 hex digits (modulo their count).
	 * @param {string} quoteReference
	 * @returns {{ service: any, consignmentReference?: string }}
	 */
	quote(quoteReference) {
		const issued = this.quotes.get(quoteReference.toLowerCase());
		if (issued)
			return {
				service: this.services.get(issued.serviceReference),
				consignmentReference: issued.consignmentReference,
			};
		const enabled = this.enabledServices();
		return { service: enabled[parseInt(quoteReference.slice(0, 8), 16) % enabled.length] };
	}

	/** The first configured carrier service (for answers that name none). */
	firstService() {
		return this.services.values().next().value;
	}

	/** Distinct carriers of the configured services, as GET /carriers answers them. */
	publicCarriers() {
		/** @type {Map<string, { Reference: string, Name: string }>} */
		const carriers = new Map();
		for (const s of this.services.values()) {
			if (!carriers.has(s.CarrierReference))
				carriers.set(s.CarrierReference, { Reference: s.CarrierReference, Name: s.CarrierName });
		}
		return [...carriers.values()];
	}
}

module.exports = { Store, normaliseConsignment };
