import type { Queryable } from '../engine.ts';

/** A stored photo without its bytes. */
export interface PhotoRow { id: string; width: number; height: number; createdAt: Date }

export async function countPhotos(q: Queryable, incidentId: string, municipalityId: string): Promise<number> {
  const r = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM incident_photos WHERE incident_id = $1 AND municipality_id = $2', [incidentId, municipalityId]);
  return r.rows[0].n;
}

/** Stores a processed JPEG; returns its id and time. */
export async function insertPhoto(
  q: Queryable, p: { municipalityId: string; incidentId: string; width: number; height: number; bytes: Uint8Array; createdBy: string },
): Promise<{ id: string; createdAt: Date }> {
  const r = await q.query<{ id: string; createdAt: Date }>(
    `INSERT INTO incident_photos (municipality_id, incident_id, content_type, width, height, bytes, created_by)
     VALUES ($1, $2, 'image/jpeg', $3, $4, $5, $6) RETURNING id, created_at AS "createdAt"`,
    [p.municipalityId, p.incidentId, p.width, p.height, p.bytes, p.createdBy]);
  return r.rows[0];
}

/** The photos of an incident, oldest first. */
export async function photosOfIncident(q: Queryable, incidentId: string, municipalityId: string): Promise<PhotoRow[]> {
  const r = await q.query<PhotoRow>(
    `SELECT id, width, height, created_at AS "createdAt" FROM incident_photos
      WHERE incident_id = $1 AND municipality_id = $2 ORDER BY created_at, id`, [incidentId, municipalityId]);
  return r.rows;
}

/** The JPEG of one photo of an incident, or null. */
export async function photoBytes(q: Queryable, incidentId: string, photoId: string, municipalityId: string): Promise<Uint8Array | null> {
  const r = await q.query<{ bytes: Uint8Array }>(
    'SELECT bytes FROM incident_photos WHERE id = $1 AND incident_id = $2 AND municipality_id = $3', [photoId, incidentId, municipalityId]);
  return r.rows[0]?.bytes ?? null;
}
