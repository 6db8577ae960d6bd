import { maskSecrets, secretForms } from '../../nodes/SortedPro/transport/connection';

describe('maskSecrets', () => {
	it('masks the key as sent and as JSON, XML or a URL would quote it', () => {
		const key = 'k&y<"/+ 0123456789';
		const connection = { secrets: secretForms(key) };
		const quoted = [
			key,
			JSON.stringify(key).slice(1, -1),
			'k&amp;y&lt;&quot;/+ 0123456789',
			encodeURIComponent(key),
		];
		for (const text of quoted) expect(maskSecrets(`key ${text}!`, connection)).toBe('key ***!');
		expect(maskSecrets('nothing to hide', connection)).toBe('nothing to hide');
	});

	it('leaves keys too short to be a SortedPRO key alone, so answers stay readable', () => {
		expect(secretForms('true')).toEqual([]);
		expect(maskSecrets('{"Success":true}', { secrets: secretForms('true') })).toBe(
			'{"Success":true}',
		);
		expect(secretForms(undefined)).toEqual([]);
	});
});
