/**
 * Log capture. n8n-core logs through the DI `Logger` (@n8n/backend-common) and through
 * n8n-workflow's `LoggerProxy` (which the root Logger initialises to itself).
 *
 * We install a REAL @n8n/backend-common Logger at level `debug` into the DI container, so
 * its own metadata handling (Error serialisation, scoping) runs unchanged, but replace its
 * winston sink with one that records every line in memory. Nothing goes to the console
 * unless HARNESS_LOG_CONSOLE=1.
 */
import './env';

import { Logger } from '@n8n/backend-common';
import { GlobalConfig, InstanceSettingsConfig } from '@n8n/config';
import { Container } from '@n8n/di';
import { LoggerProxy, jsonStringify } from 'n8n-workflow';

const allLines: string[] = [];
const captures = new Set<string[]>();
const echo = process.env.HARNESS_LOG_CONSOLE === '1';

function record(level: string, message: unknown, meta: Record<string, unknown>, scopes?: unknown) {
	const allMeta = scopes ? { ...meta, scopes } : meta;
	let metaText = '';
	try {
		metaText = Object.keys(allMeta).length
			? ' ' + jsonStringify(allMeta, { replaceCircularRefs: true })
			: '';
	} catch (error) {
		metaText = ` [unserialisable metadata: ${(error as Error).message}]`;
	}
	const line = `${level}: ${String(message)}${metaText}`;
	allLines.push(line);
	for (const capture of captures) capture.push(line);
	if (echo) console.error(line);
}

/** Minimal stand-in for the winston logger the real Logger writes to (log + child). */
interface Sink {
	log(level: string, message: unknown, meta?: Record<string, unknown>): void;
	child(defaults: { scopes?: unknown }): Sink;
}
function createSink(scopes?: unknown): Sink {
	return {
		log: (level, message, meta = {}) => record(level, message, meta, scopes),
		child: (defaults) => createSink(defaults.scopes ?? scopes),
	};
}

function installCaptureLogger(): Logger {
	const base = Container.get(GlobalConfig);
	const globalConfig = {
		...base,
		logging: { ...base.logging, level: 'debug', outputs: [], scopes: [] },
	} as unknown as GlobalConfig;
	// The constructor (isRoot) also calls LoggerProxy.init(this).
	const logger = new Logger(globalConfig, Container.get(InstanceSettingsConfig));
	(logger as unknown as { setInternalLogger(sink: Sink): void }).setInternalLogger(createSink());
	Container.set(Logger, logger);
	LoggerProxy.init(logger);
	return logger;
}

export const harnessLogger = installCaptureLogger();

/**
 * Start capturing: returns a live array that receives every log line (any level, debug
 * included; format `level: message {json metadata}`) emitted from now on.
 */
export function captureLogs(): string[] {
	const lines: string[] = [];
	captures.add(lines);
	return lines;
}

/** Every line logged since the harness was loaded in this test file. */
export function allLogs(): string[] {
	return allLines;
}
