'use strict';
/**
 * Redis and PostgreSQL for the queue-mode e2e run, from Debian's packages (installed with
 * apt-get when missing), each on its own loopback port with its own data directory, started
 * in the foreground as a child process and stopped by PID.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { Proc, sleep } = require('../processes');

const PG_USER = 'n8n_e2e';
const PG_DATABASE = 'n8n_queue';

function which(cmd) {
	try {
		return (
			execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined
		);
	} catch {
		return undefined;
	}
}

/** Newest /usr/lib/postgresql/<major>/bin holding initdb, or undefined. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : undefined;
}

/**
 * apt-get install redis-server / postgresql when their binaries are missing. Resolves the
 * list of packages installed (empty when both were there).
 */
function ensureDebianPackages() {
	const missing = [];
	if (!which('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (!missing.length) return missing;
	const opts = {
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		stdio: ['ignore', 'ignore', 'inherit'],
	};
	execFileSync('apt-get', ['update', '-qq'], opts);
	execFileSync('apt-get', ['install', '-y', '-qq', ...missing], opts);
	if (!which('redis-server') || !postgresBinDir())
		throw new Error(`apt-get install ${missing.join(' ')} did not provide the binaries`);
	return missing;
}

/** redis-server on 127.0.0.1:port, no persistence, data in dir. Resolves { proc, port }. */
async function startRedis({ port, dir, logFile }) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
	args.push(...'--appendonly no --daemonize no'.split(' '));
	const proc = new Proc('redis-server', which('redis-server'), args, { logFile });
	await proc.waitForLog(/Ready to accept connections/, 20000);
	return { proc, port };
}

/** The uid/gid of the `postgres` user when running as root (PostgreSQL refuses to run as root). */
function postgresIds() {
	if (!process.getuid || process.getuid() !== 0) return {};
	const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	return { uid: id('-u'), gid: id('-g') };
}

/**
 * A fresh cluster (initdb) in dir, `postgres` on 127.0.0.1:port as user postgres, a database
 * and a user with a password for n8n. Resolves { proc, port, user, password, database }.
 */
async function startPostgres({ port, dir, logFile, password }) {
	const bin = postgresBinDir();
	const ids = postgresIds();
	fs.rmSync(dir, { recursive: true, force: true });
	const data = path.join(dir, 'data');
	fs.mkdirSync(data, { recursive: true });
	const pwfile = path.join(dir, 'pw');
	fs.writeFileSync(pwfile, password);
	if (ids.uid !== undefined) {
		for (const p of [dir, data, pwfile]) fs.chownSync(p, ids.uid, ids.gid);
	}
	const asPg = { ...ids, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' };
	// Loopback TCP needs the password; the unix socket (in dir) is trusted for the set-up below.
	const initdb = ['-D', data, '-U', PG_USER, `--pwfile=${pwfile}`, '--auth-local=trust'];
	initdb.push(...'--auth-host=scram-sha-256 -E UTF8 --locale=C'.split(' '));
	execFileSync(path.join(bin, 'initdb'), initdb, asPg);
	fs.rmSync(pwfile);
	const args = ['-D', data, '-p', String(port), '-c', `unix_socket_directories=${dir}`];
	for (const c of ['listen_addresses=127.0.0.1', 'max_connections=100', 'fsync=off'])
		args.push('-c', c);
	// SIGINT = PostgreSQL's fast shutdown.
	const proc = new Proc('postgres', path.join(bin, 'postgres'), args, {
		logFile,
		stopSignal: 'SIGINT',
		...ids,
	});
	await proc.waitForLog(/database system is ready to accept connections/, 30000);
	let created = false;
	for (let i = 0; i < 20 && !created; i++) {
		try {
			const createdb = ['-h', dir, '-p', String(port), '-U', PG_USER, PG_DATABASE];
			execFileSync(path.join(bin, 'createdb'), createdb, asPg);
			created = true;
		} catch (err) {
			if (i === 19) throw err;
			await sleep(250);
		}
	}
	return { proc, port, user: PG_USER, password, database: PG_DATABASE, socketDir: dir, bin };
}

/** Runs one SQL statement through psql (unix socket); resolves the rows as arrays of strings. */
function psql(pg, sql) {
	const args = ['-h', pg.socketDir, '-p', String(pg.port), '-U', pg.user, '-d', pg.database];
	const opts = { ...postgresIds(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };
	const out = execFileSync(
		path.join(pg.bin, 'psql'),
		[...args, '-At', '-F', '\t', '-c', sql],
		opts,
	);
	return out
		.split('\n')
		.filter(Boolean)
		.map((line) => line.split('\t'));
}

module.exports = {
	ensureDebianPackages,
	startRedis,
	startPostgres,
	psql,
	postgresBinDir,
};
