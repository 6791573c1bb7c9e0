import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiKeyMunicipality, coarsen, formatApiKey, publicStatus, serviceOf, serviceRequestOf, stripContact, CONTACT_PLACEHOLDER, NAME_PLACEHOLDER,
} from './georeport.ts';
import { escapeXml, toXmlList, toXmlObject } from './xml.ts';

test('an api_key names its municipality; anything else is no key of ours', () => {
  const key = formatApiKey('1489', 'A'.repeat(43));
  assert.equal(key, `lb311_1489_${'A'.repeat(43)}`);
  assert.equal(apiKeyMunicipality(key), '1489');
  for (const other of ['', 'hemligt', `lb311_148_${'A'.repeat(43)}`, `lb311_1489_${'A'.repeat(42)}`, `lb311_1489_${'A'.repeat(43)}x`, `xlb311_1489_${'A'.repeat(43)}`]) {
    assert.equal(apiKeyMunicipality(other), null, other);
  }
  assert.throws(() => formatApiKey('1489', 'short'));
});

test('the public status: new and reviewed are open, rejected and duplicate closed, each with a note in the caller\'s language', () => {
  assert.deepEqual(publicStatus('new', 'sv'), { status: 'open', status_notes: 'Mottaget, väntar på granskning.' });
  assert.equal(publicStatus('reviewed', 'en').status, 'open');
  assert.equal(publicStatus('rejected', 'sv').status, 'closed');
  assert.equal(publicStatus('duplicate', 'en').status, 'closed');
  assert.match(publicStatus('duplicate', 'en').status_notes, /already been reported/);
});

test('a published position keeps three decimals', () => {
  assert.equal(coarsen(57.930012), 57.93);
  assert.equal(coarsen(12.532481), 12.532);
  assert.equal(coarsen(-0.0005), -0);
});

test('a tip\'s public form has GeoReport\'s fields and nothing else', () => {
  const r = serviceRequestOf({
    incidentId: 'id-1', serviceCode: 'nedskrapning', categoryNameSv: 'Nedskräpning', categoryNameEn: 'Littering', description: 'Skräp',
    reviewStatus: 'new', requestedAt: new Date('2026-12-01T10:00:00Z'), updatedAt: new Date('2026-12-02T10:00:00Z'), address: null, lon: 12.5325123, lat: 57.9300456,
  }, 'en');
  assert.deepEqual(r, {
    service_request_id: 'id-1', status: 'open', status_notes: 'Received, waiting for review.', service_name: 'Littering', service_code: 'nedskrapning',
    description: 'Skräp', requested_datetime: '2026-12-01T10:00:00.000Z', updated_datetime: '2026-12-02T10:00:00.000Z', address: null, lat: 57.93, long: 12.533,
  });
});

test('a service: the name in the caller\'s language, the other among the keywords, the parent as the group', () => {
  const c = { code: 'skadegorelse.klotter', nameSv: 'Klotter/graffiti', nameEn: 'Graffiti', parentNameSv: 'Skadegörelse', parentNameEn: 'Vandalism' };
  const sv = serviceOf(c, 'sv', 'Alingsås');
  assert.deepEqual({ ...sv, description: '' }, { service_code: 'skadegorelse.klotter', service_name: 'Klotter/graffiti', description: '', metadata: false, type: 'realtime', keywords: 'Graffiti, Skadegörelse', group: 'Skadegörelse' });
  assert.match(sv.description, /Alingsås kommun/);
  assert.equal(serviceOf({ ...c, parentNameSv: null, parentNameEn: null }, 'en', 'Alingsås').group, 'Graffiti');
});

test('the sender\'s own contact details are taken out of the text, whole words in any case', () => {
  const contact = { first_name: 'Anna', last_name: 'Svensson', email: 'anna@example.org', phone: '0701234567', account_id: 'u-4711', device_id: null };
  const text = 'Klotter vid Annas hus. /Anna Svensson, anna@example.org, 0701234567, konto U-4711. svensson såg det.';
  assert.equal(stripContact(text, contact),
    `Klotter vid Annas hus. /${NAME_PLACEHOLDER}, ${CONTACT_PLACEHOLDER}, ${CONTACT_PLACEHOLDER}, konto ${CONTACT_PLACEHOLDER}. ${NAME_PLACEHOLDER} såg det.`);
  // A one-letter name would hit ordinary words; characters of a regular expression are taken literally.
  assert.equal(stripContact('I parken', { first_name: 'I' }), 'I parken');
  assert.equal(stripContact('a+b (c) a.b', { first_name: 'a.b', last_name: '(c)' }), `a+b ${NAME_PLACEHOLDER} ${NAME_PLACEHOLDER}`);
  assert.equal(stripContact('Inget här', {}), 'Inget här');
});

test('XML: markup escaped, characters XML cannot carry left out, lists of items, empty for null', () => {
  assert.equal(escapeXml('<a href="x">&\'\u0001\ud800'), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  assert.equal(toXmlList('errors', 'error', [{ code: 400, description: 'lat: <saknas>' }]),
    '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>400</code><description>lat: &lt;saknas&gt;</description></error></errors>\n');
  assert.equal(toXmlList('service_requests', 'request', []), '<?xml version="1.0" encoding="utf-8"?>\n<service_requests></service_requests>\n');
  assert.equal(toXmlObject('d', { a: null, b: false, formats: ['x', 'y'] }, (l) => l.replace(/s$/, '')), '<?xml version="1.0" encoding="utf-8"?>\n<d><a/><b>false</b><formats><format>x</format><format>y</format></formats></d>\n');
});
