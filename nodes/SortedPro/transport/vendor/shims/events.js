'use strict';
// Stands in for Node's `events` module inside the xml2js bundle (n8n's scanner refuses a
// require of any Node built-in but crypto). xml2js's Parser extends EventEmitter and uses
// `on`, `emit` and `removeAllListeners`; these keep Node's semantics for that subset:
// listeners run synchronously, in the order added, with the emitter as `this`; removing
// listeners during an emit does not change who gets that emit; an 'error' event with no
// listener is thrown. xml2js never calls the constructor, so the table is made on first use.

const LISTENERS = Symbol('listeners');

function listenerTable(emitter) {
	if (!Object.prototype.hasOwnProperty.call(emitter, LISTENERS)) {
		Object.defineProperty(emitter, LISTENERS, { value: new Map() });
	}
	return emitter[LISTENERS];
}

function EventEmitter() {
	listenerTable(this);
}

EventEmitter.prototype.on = function on(event, listener) {
	if (typeof listener !== 'function')
		throw new TypeError('The "listener" argument must be a function');
	const table = listenerTable(this);
	const list = table.get(event);
	if (list) list.push(listener);
	else table.set(event, [listener]);
	return this;
};
EventEmitter.prototype.addListener = EventEmitter.prototype.on;

EventEmitter.prototype.once = function once(event, listener) {
	const emitter = this;
	function onceWrapper(...args) {
		emitter.removeListener(event, onceWrapper);
		return listener.apply(emitter, args);
	}
	onceWrapper.listener = listener;
	return this.on(event, onceWrapper);
};

EventEmitter.prototype.removeListener = function removeListener(event, listener) {
	const table = listenerTable(this);
	const list = table.get(event);
	if (!list) return this;
	for (let index = list.length - 1; index >= 0; index--) {
		if (list[index] === listener || list[index].listener === listener) {
			list.splice(index, 1);
			break;
		}
	}
	if (list.length === 0) table.delete(event);
	return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(event) {
	if (event === undefined) listenerTable(this).clear();
	else listenerTable(this).delete(event);
	return this;
};

EventEmitter.prototype.emit = function emit(event, ...args) {
	const list = listenerTable(this).get(event);
	if (!list) {
		if (event !== 'error') return false;
		const error = args[0];
		if (error instanceof Error) throw error;
		throw new Error(`Unhandled error. (${String(error)})`);
	}
	// A copy: a listener may remove listeners (xml2js's reset() removes them all).
	for (const listener of [...list]) listener.apply(this, args);
	return true;
};

EventEmitter.prototype.listeners = function listeners(event) {
	return (listenerTable(this).get(event) ?? []).map((l) => l.listener ?? l);
};

EventEmitter.prototype.listenerCount = function listenerCount(event) {
	return listenerTable(this).get(event)?.length ?? 0;
};

module.exports = EventEmitter;
module.exports.EventEmitter = EventEmitter;
