/**
 * Issue 16, item 8: every read of individual incidents or personal data writes exactly one audit
 * entry per request — the action, the filter as applied and the number of records returned — never
 * one per record. The walk covers the 13 sensitive reads of the issue and the others found since.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { testEngines } from '../../../test/support/db.ts';
import { categoryId, startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { FX, POINTS } from '../../../test/support/fixtures.ts';

interface Row { action: string; userId: string | null; municipalityId: string; subjectType: string | null; subjectId: string | null; details: Record<string, any> }

function multipart(field: string, filename: string, type: string, data: Buffer) {
  const boundary = '----lagesbild' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const engine of testEngines()) {
  describe(`one audit entry per sensitive read on ${engine}`, () => {
    let t: TestApp;
    let coord: Client;
    const ids: string[] = [];
    let photoId: string;
    let meetingId: string;
    let editionId: string;

    /** The entries written since the last call, in order. */
    let mark = 0;
    async function newRows(): Promise<Row[]> {
      const r = await t.db.query<Row & { id: number }>(
        `SELECT id::float8 AS id, action, user_id AS "userId", municipality_id AS "municipalityId", subject_type AS "subjectType", subject_id AS "subjectId", details
           FROM audit_log WHERE id > $1 ORDER BY id`, [mark]);
      if (r.rows.length) mark = r.rows[r.rows.length - 1].id;
      return r.rows;
    }
    /** Runs the request and returns its one audit entry (failing when there are none or several). */
    async function one(url: string, status = 200, headers?: Record<string, string>): Promise<{ row: Row; body: any; raw: string }> {
      await newRows();
      const res = await coord.get(url, headers);
      assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 300)}`);
      const rows = await newRows();
      assert.equal(rows.length, 1, `${url}: ${rows.length} audit entries (${rows.map((r) => r.action).join(', ')})`);
      assert.equal(rows[0].userId, FX.users.coordinator.id, url);
      const json = String(res.headers['content-type'] ?? '').includes('json');
      return { row: rows[0], body: json ? res.json() : null, raw: res.body };
    }

    before(async () => {
      t = await startTestApp(engine);
      coord = await t.as('coordinator');
      const klotter = await categoryId(t, 'skadegorelse.klotter');
      // Three reports close together (so they are duplicate candidates of each other), one restricted.
      for (let k = 0; k < 3; k++) {
        const res = await coord.post('/api/incidents', {
          categoryId: klotter, occurredAt: new Date(Date.now() - (k + 1) * 600_000).toISOString(),
          location: { lon: POINTS.alingsasCentrum.lon + k * 0.0001, lat: POINTS.alingsasCentrum.lat }, description: `Klotter ${k}`,
          visibility: k === 2 ? 'restricted' : 'normal',
        });
        assert.equal(res.statusCode, 201, res.body);
        ids.push(res.json().id);
      }
      const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 1, g: 2, b: 3 } } }).jpeg().toBuffer();
      const { payload, contentType } = multipart('photo', 'a.jpg', 'image/jpeg', jpeg);
      const photo = await coord.upload(`/api/incidents/${ids[0]}/photos`, payload, contentType);
      assert.equal(photo.statusCode, 201, photo.body);
      photoId = photo.json().id;
      const meeting = await coord.post('/api/meetings', { heldAt: new Date().toISOString(), title: 'Områdesgruppen' });
      assert.equal(meeting.statusCode, 201, meeting.body);
      meetingId = meeting.json().id;
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      const sp = await coord.post('/api/situation-pictures', { from: day(-28), to: day(-1), title: 'Lägesbild centrum' });
      assert.equal(sp.statusCode, 201, sp.body);
      editionId = sp.json().id;
    });
    after(() => t.close());

    test('the list of incidents with descriptions: incidents.read with the filter, the count and the page', async () => {
      const first = await one('/api/incidents?limit=2&categories=' + (await categoryId(t, 'skadegorelse.klotter')));
      assert.equal(first.row.action, 'incidents.read');
      assert.equal(first.row.details.count, 2);
      assert.deepEqual(first.row.details.filter.categories, [await categoryId(t, 'skadegorelse.klotter')]);
      assert.equal(first.row.details.after, undefined);
      assert.ok(first.body.nextCursor, 'a second page');
      const second = await one(`/api/incidents?limit=2&categories=${await categoryId(t, 'skadegorelse.klotter')}&cursor=${first.body.nextCursor}`);
      assert.equal(second.row.details.count, second.body.items.length);
      assert.ok(second.row.details.after?.id, 'the page cursor is named');
      const searched = await one('/api/incidents?q=Klotter%201');
      assert.equal(searched.row.details.filter.text, 'Klotter 1');
      assert.equal(searched.row.details.count, searched.body.items.length);
    });

    test('the list as GeoJSON and the export: incidents.export with the format and the count', async () => {
      const geo = await one('/api/incidents?limit=10', 200, { accept: 'application/geo+json' });
      assert.equal(geo.row.action, 'incidents.export');
      assert.equal(geo.row.details.count, JSON.parse(geo.raw).features.length);
      const csv = await one('/api/incidents/export?format=excel');
      assert.equal(csv.row.action, 'incidents.export');
      assert.equal(csv.row.details.format, 'excel');
      assert.equal(csv.row.details.count, 3);
    });

    test('one incident, its history, its duplicates, its photos and a photo', async () => {
      const read = await one(`/api/incidents/${ids[0]}`);
      assert.deepEqual([read.row.action, read.row.subjectType, read.row.subjectId], ['incident.read', 'incident', ids[0]]);
      const history = await one(`/api/incidents/${ids[0]}/history`);
      assert.deepEqual([history.row.action, history.row.subjectId], ['incident.history.read', ids[0]]);
      const dup = await one(`/api/incidents/${ids[0]}/duplicates`);
      assert.deepEqual([dup.row.action, dup.row.subjectId], ['incidents.duplicates', ids[0]]);
      assert.equal(dup.row.details.count, dup.body.items.length);
      assert.ok(dup.row.details.count >= 1, 'the neighbours are candidates');
      const photos = await one(`/api/incidents/${ids[0]}/photos`);
      assert.deepEqual([photos.row.action, photos.row.details.count], ['photos.list', 1]);
      const bytes = await one(`/api/incidents/${ids[0]}/photos/${photoId}`);
      assert.deepEqual([bytes.row.action, bytes.row.subjectId], ['photo.read', photoId]);
    });

    test('the map\'s points: incidents.points with the filter and how many stood alone', async () => {
      const r = await one('/api/map/points?zoom=14');
      assert.equal(r.row.action, 'incidents.points');
      const features = JSON.parse(r.raw).features as Array<{ properties: { kind: string } }>;
      assert.equal(r.row.details.count, features.filter((f) => f.properties.kind === 'incident').length);
      assert.equal(r.row.details.count, 3);
      assert.equal(r.row.details.zoom, 14);
      assert.ok(r.row.details.filter.from, 'the period the view applied');
    });

    test('a meeting and its minutes, the users, one user', async () => {
      const m = await one(`/api/meetings/${meetingId}`);
      assert.deepEqual([m.row.action, m.row.subjectId], ['meeting.read', meetingId]);
      for (const format of ['html', 'md']) {
        const minutes = await one(`/api/meetings/${meetingId}/minutes?format=${format}`);
        assert.deepEqual([minutes.row.action, minutes.row.subjectId, minutes.row.details.format], ['meetings.minutes.read', meetingId, format]);
      }
      const users = await one('/api/users');
      assert.deepEqual([users.row.action, users.row.details.count], ['users.read', users.body.length]);
      const user = await one(`/api/users/${FX.users.reporter.id}`);
      assert.deepEqual([user.row.action, user.row.subjectId], ['user.read', FX.users.reporter.id]);
    });

    test('documents: the edition and the action plan', async () => {
      const edition = await one(`/api/situation-pictures/${editionId}/document?format=html`);
      assert.deepEqual([edition.row.action, edition.row.subjectId], ['document.export', editionId]);
      const plan = await one(`/api/action-plans/${new Date().getFullYear()}/document?format=docx`);
      assert.equal(plan.row.action, 'document.export');
    });

    test('the audit view and its export are reads as well', async () => {
      const view = await one('/api/audit?limit=5&action=incidents.read');
      assert.equal(view.row.action, 'audit.read');
      assert.deepEqual(view.row.details.filter, { action: 'incidents.read' });
      assert.equal(view.row.details.count, view.body.items.length);
      const csv = await one('/api/audit/export?action=incident.read');
      assert.equal(csv.row.action, 'audit.export');
      assert.equal(csv.row.details.count, 1);
    });

    test('a read that fails writes nothing; a read by a reporter names the reporter', async () => {
      await newRows();
      assert.equal((await coord.get('/api/incidents/00000000-0000-4000-8000-0000000000ff')).statusCode, 404);
      assert.equal((await coord.get('/api/incidents?from=nonsense')).statusCode, 422);
      assert.deepEqual(await newRows(), []);
      const rep = await t.as('reporter');
      await newRows();
      const res = await rep.get('/api/incidents');
      assert.equal(res.statusCode, 200);
      const rows = await newRows();
      assert.deepEqual(rows.map((r) => [r.action, r.userId, r.details.count]), [['incidents.read', FX.users.reporter.id, res.json().items.length]]);
    });
  });
}
