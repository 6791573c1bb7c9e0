import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, insertIncidents, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** A JPEG with EXIF metadata including a GPS position, as a phone camera writes it. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 120, g: 160, b: 90 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Telefon', Model: 'X1', Artist: 'Anna Andersson' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '57/1 55/1 48/1', GPSLongitudeRef: 'E', GPSLongitude: '12/1 31/1 57/1' } })
    .toBuffer();
}

function multipart(field: string, filename: string, type: string, data: Buffer) {
  const boundary = '----lagesbild' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const engine of testEngines({ citus: true })) {
  describe(`export, duplicates, privacy, photos and settings on ${engine}`, () => {
    let t: TestApp;
    let coord: Client, rep: Client;
    let klotter: string;
    before(async () => {
      t = await startTestApp(engine);
      coord = await t.as('coordinator');
      rep = await t.as('reporter');
      klotter = await categoryId(t, 'skadegorelse.klotter');
    });
    after(() => t.close());

    test('personal data in the free text is removed before it is stored, and the caller is told', async () => {
      const res = await rep.post('/api/incidents', {
        categoryId: klotter, occurredAt: minutesAgo(30).toISOString(), location: POINTS.alingsasCentrum,
        description: 'Klottrare sprang mot ABC 123, ring 070-123 45 67 eller maila kalle@example.se. Pnr 19811218-9876.',
      });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.doesNotMatch(body.description, /070|kalle@|ABC 123|9876/);
      assert.deepEqual(new Set(body.personalDataRemoved), new Set(['licencePlate', 'phone', 'email', 'personnummer']));
      assert.ok(res.headers['x-personal-data-removed']);
      const stored = await t.db.query<{ d: string }>('SELECT description AS d FROM incidents WHERE id = $1', [body.id]);
      assert.equal(stored.rows[0].d, body.description);
      const clean = await rep.post('/api/incidents', { categoryId: klotter, occurredAt: minutesAgo(30).toISOString(), location: POINTS.alingsasCentrum, description: 'Klotter på E20-viadukten kl 22:30 den 2026-11-20' });
      assert.equal(clean.json().description, 'Klotter på E20-viadukten kl 22:30 den 2026-11-20', 'dates, times and road numbers are not personal data');
      assert.deepEqual(clean.json().personalDataRemoved, []);
    });

    test('duplicates: the same category within 50 m and 24 h is suggested; farther, later or other categories are not', async () => {
      const at = minutesAgo(120);
      const [a, near, farAway, later, other] = await insertIncidents(t, [
        { categoryCode: 'skadegorelse.klotter', e: 354000, n: 6423500, at, org: 'alingsashem' },
        { categoryCode: 'skadegorelse.klotter', e: 354030, n: 6423520, at: new Date(at.getTime() - 5 * 3600_000), org: 'bevakning' },
        { categoryCode: 'skadegorelse.klotter', e: 354200, n: 6423500, at, org: 'bevakning' },
        { categoryCode: 'skadegorelse.klotter', e: 354000, n: 6423500, at: new Date(at.getTime() - 3 * 86400_000), org: 'bevakning' },
        { categoryCode: 'nedskrapning', e: 354000, n: 6423500, at, org: 'bevakning' },
      ]);
      const res = await coord.get(`/api/incidents/${a}/duplicates`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().items.map((i: any) => i.id), [near]);
      void farAway; void later; void other;
      const reporterView = await rep.get(`/api/incidents/${a}/duplicates`);
      assert.deepEqual(reporterView.json().items, [], 'suggestions never reveal reports the caller cannot see');
      assert.equal((await (await t.as('guard')).get(`/api/incidents/${a}/duplicates`)).statusCode, 404);
    });

    test('"mine" lists only the caller\'s own reports', async () => {
      const mine = (await rep.get('/api/incidents?mine=true&limit=1000')).json().items as any[];
      assert.ok(mine.length >= 2);
      assert.ok(mine.every((i) => i.reporterId === FX.users.reporter.id));
      const colleague = (await (await t.as('reporter2')).get('/api/incidents?mine=true')).json().items;
      assert.deepEqual(colleague, []);
    });

    test('CSV export: the whole selection, Excel-readable, formulas neutralised, logged', async () => {
      await rep.post('/api/incidents', { categoryId: klotter, occurredAt: minutesAgo(10).toISOString(), location: POINTS.alingsasCentrum, description: '=HYPERLINK("http://x")' });
      const total = (await coord.get('/api/incidents?limit=1000')).json().items.length;
      const res = await coord.get('/api/incidents/export?format=csv');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /text\/csv/);
      assert.match(res.headers['content-disposition'] as string, /attachment; filename="lagesbild-Alingsas-\d{4}-\d{2}-\d{2}\.csv"/);
      const text = res.body;
      assert.ok(text.startsWith('\uFEFFid,municipality,occurred_from'));
      const lines = text.trim().split('\r\n');
      assert.equal(lines.length, total + 1);
      assert.match(text, /"'=HYPERLINK\(""http:\/\/x""\)"/);
      const audit = await t.db.query<{ details: any }>(`SELECT details FROM audit_log WHERE action = 'incidents.export' ORDER BY id DESC LIMIT 1`);
      assert.equal(audit.rows[0].details.count, total);
      assert.equal(audit.rows[0].details.format, 'csv');
    });

    test('CSV for Excel: semicolons, Swedish headers and names, Stockholm time, decimal commas, logged; the RFC 4180 CSV stays for machines', async () => {
      const [id] = await insertIncidents(t, [{ categoryCode: 'skadegorelse.klotter', e: 354000, n: 6423500, at: new Date('2026-12-02T20:02:15Z'), org: 'alingsashem', placeName: 'Torget; norra delen' }]);
      const query = 'from=2026-12-02&to=2026-12-03';
      const total = (await coord.get(`/api/incidents?${query}&limit=1000`)).json().items.length;
      const res = await coord.get(`/api/incidents/export?format=excel&${query}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.headers['content-type'] as string, /^text\/csv; charset=utf-8/);
      assert.match(res.headers['content-disposition'] as string, /attachment; filename="lagesbild-Alingsas-\d{4}-\d{2}-\d{2}-excel\.csv"/);
      assert.equal(res.headers['x-total-count'], String(total));
      const text = res.body;
      assert.ok(text.startsWith('\uFEFFId;Kommunkod;Tidpunkt från;Tidpunkt till;Rapporterad;Kategorikod;Kategori;Organisation;Plats;Beskrivning;'), text.slice(0, 200));
      const lines = text.slice(1).split('\r\n');
      assert.equal(lines.length, total + 2, 'header, the rows, and the empty tail after the last CRLF');
      const row = lines.find((l) => l.startsWith(id))!;
      assert.ok(row, text);
      assert.match(row, new RegExp(`^${id};1489;2026-12-02 21:02;2026-12-02 21:02;2026-12-02 21:02;skadegorelse\\.klotter;Klotter/graffiti;Alingsåshem;"Torget; norra delen";;\\d+,\\d+;\\d+,\\d+;354000;6423500;`));
      const audit = await t.db.query<{ details: any }>(`SELECT details FROM audit_log WHERE action = 'incidents.export' ORDER BY id DESC LIMIT 1`);
      assert.equal(audit.rows[0].details.format, 'excel');
      assert.equal(audit.rows[0].details.count, total);
      assert.equal(audit.rows[0].details.query.from, '2026-12-02');

      const machine = await coord.get(`/api/incidents/export?format=csv&${query}`);
      assert.match(machine.headers['content-disposition'] as string, /filename="lagesbild-Alingsas-\d{4}-\d{2}-\d{2}\.csv"/);
      assert.ok(machine.body.startsWith('\uFEFFid,municipality,occurred_from,occurred_to,'));
      assert.match(machine.body, new RegExp(`^${id},1489,2026-12-02T20:02:15\\.000Z,2026-12-02T20:02:15\\.000Z,`, 'm'), 'machines keep RFC 3339 UTC and commas');
      const machineAudit = await t.db.query<{ details: any }>(`SELECT details FROM audit_log WHERE action = 'incidents.export' ORDER BY id DESC LIMIT 1`);
      assert.equal(machineAudit.rows[0].details.format, 'csv');
    });

    test('GeoJSON export honours the filters and the access rules', async () => {
      const fc = JSON.parse((await coord.get(`/api/incidents/export?format=geojson&organisations=${FX.orgs.bevakning}`)).body);
      assert.equal(fc.type, 'FeatureCollection');
      assert.ok(fc.features.length >= 4 && fc.features.every((f: any) => f.properties.organisationId === FX.orgs.bevakning));
      const reporterFc = JSON.parse((await rep.get('/api/incidents/export?format=geojson')).body);
      assert.ok(reporterFc.features.every((f: any) => f.properties.organisationId === FX.orgs.alingsashem));
      assert.equal((await coord.get('/api/incidents/export?format=pdf')).statusCode, 422, 'an unknown format is refused');
    });

    test('a photo is resized and stripped of EXIF and GPS before it is stored', async () => {
      const inc = (await rep.post('/api/incidents', { categoryId: klotter, occurredAt: minutesAgo(5).toISOString(), location: POINTS.alingsasCentrum })).json();
      const original = await phonePhoto();
      assert.ok((await sharp(original).metadata()).exif, 'the test photo does carry EXIF');
      const { payload, contentType } = multipart('photo', 'IMG_0001.jpg', 'image/jpeg', original);
      const res = await rep.upload(`/api/incidents/${inc.id}/photos`, payload, contentType);
      assert.equal(res.statusCode, 201, res.body);
      const photo = res.json();
      assert.equal(photo.width, 1600);
      assert.equal(photo.height, 1067);
      const bytes = await rep.get(photo.url);
      assert.equal(bytes.statusCode, 200);
      assert.equal(bytes.headers['content-type'], 'image/jpeg');
      const meta = await sharp(bytes.rawPayload).metadata();
      assert.equal(meta.exif, undefined, 'no EXIF');
      assert.equal(meta.xmp, undefined, 'no XMP');
      assert.doesNotMatch(bytes.rawPayload.toString('latin1'), /Anna Andersson|Telefon/);
      assert.equal((await rep.get(`/api/incidents/${inc.id}/photos`)).json().length, 1);
      assert.equal((await (await t.as('guard')).get(photo.url)).statusCode, 404, 'others cannot see it');
      const bad = multipart('photo', 'x.jpg', 'image/jpeg', Buffer.from('inte en bild'));
      const notImage = await rep.upload(`/api/incidents/${inc.id}/photos`, bad.payload, bad.contentType);
      assert.equal(notImage.statusCode, 422);
      assert.equal(notImage.json().error.fields[0].field, 'photo');
    });

    test('map settings: OpenStreetMap through the server by default (no proxy in this app: no tile URL); only an administrator sets a tile source, which must be a tile URL', async () => {
      assert.deepEqual((await rep.get('/api/settings/map')).json(), { source: 'osm', tileUrl: null, attribution: null, maxZoom: 19 });
      const osm = { tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap-bidragsgivare', maxZoom: 19 };
      assert.equal((await coord.put('/api/settings/map', osm)).statusCode, 403);
      const admin = await t.as('admin');
      assert.equal((await admin.put('/api/settings/map', { ...osm, tileUrl: 'javascript:alert(1)' })).json().error.fields[0].field, 'tileUrl');
      assert.equal((await admin.put('/api/settings/map', { ...osm, attribution: '' })).json().error.fields[0].field, 'attribution');
      assert.equal((await admin.put('/api/settings/map', osm)).statusCode, 200);
      assert.deepEqual((await rep.get('/api/settings/map')).json(), { source: 'custom', ...osm });
    });
  });
}

