import type { Metadata } from 'sharp';
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, invalid, notFound } from '../core/errors/index.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { auditRead } from './audit-read.ts';
import { getIncident, getIncidentRecord } from '../db/repositories/incidents.ts';
import { countPhotos, insertPhoto, photoBytes, photosOfIncident } from '../db/repositories/photos.ts';

export const PHOTO_LIMITS = { maxBytes: 10 * 1024 * 1024, maxEdge: 1600, perIncident: 10 } as const;

/** sharp (libvips) is loaded at the first photo, not at every start of the server. */
const loadSharp = async () => (await import('sharp')).default;

/**
 * Decodes an uploaded image, turns it upright by its EXIF orientation, shrinks it to at most
 * 1600 px on the longest side and re-encodes it as JPEG. sharp writes no metadata unless asked, so
 * EXIF (camera, time, GPS position) and ICC/XMP are gone from what is stored.
 */
export async function processPhoto(input: Buffer): Promise<{ bytes: Buffer; width: number; height: number }> {
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(input, { failOn: 'error', limitInputPixels: 60_000_000 }).metadata();
  } catch {
    throw invalid('photo', 'format', { format: 'JPEG, PNG eller WebP' });
  }
  if (!meta.format || !['jpeg', 'png', 'webp', 'heif'].includes(meta.format)) throw invalid('photo', 'format', { format: 'JPEG, PNG eller WebP' });
  const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: 60_000_000 })
    .rotate()
    .resize({ width: PHOTO_LIMITS.maxEdge, height: PHOTO_LIMITS.maxEdge, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}

export interface PhotoInfo { id: string; url: string; width: number; height: number; createdAt: Date }

const url = (incidentId: string, id: string) => `/api/incidents/${incidentId}/photos/${id}`;

export async function addPhoto(db: Database, actor: Actor, incidentId: string, upload: Buffer): Promise<PhotoInfo> {
  const rec = await getIncidentRecord(db, incidentId, actor.municipalities);
  if (!rec || !(await getIncident(db, actor, incidentId))) throw notFound('incident');
  if (!can(actor, 'incident.edit', rec)) throw new DomainError('forbidden');
  const photo = await processPhoto(upload);
  return db.transaction(async (tx) => {
    if (await countPhotos(tx, incidentId, rec.municipalityId) >= PHOTO_LIMITS.perIncident) throw invalid('photo', 'too_large', { max: PHOTO_LIMITS.perIncident });
    const stored = await insertPhoto(tx, { municipalityId: rec.municipalityId, incidentId, width: photo.width, height: photo.height, bytes: photo.bytes, createdBy: actor.userId });
    return { id: stored.id, url: url(incidentId, stored.id), width: photo.width, height: photo.height, createdAt: stored.createdAt };
  });
}

export async function listPhotos(db: Database, actor: Actor, incidentId: string): Promise<PhotoInfo[]> {
  const inc = await getIncident(db, actor, incidentId);
  if (!inc) throw notFound('incident');
  const photos = await photosOfIncident(db, incidentId, inc.municipalityId);
  await auditRead(db, actor, 'photos.list', { count: photos.length, subject: { type: 'incident', id: incidentId }, municipalityId: inc.municipalityId });
  return photos.map((p) => ({ ...p, url: url(incidentId, p.id) }));
}

/** The photo's bytes for someone who may see the incident; every view is in the audit log. */
export async function readPhoto(db: Database, actor: Actor, incidentId: string, photoId: string): Promise<Buffer> {
  const inc = await getIncident(db, actor, incidentId);
  if (!inc) throw notFound('photo');
  const bytes = await photoBytes(db, incidentId, photoId, inc.municipalityId);
  if (!bytes) throw notFound('photo');
  await recordAudit(db, { municipalityId: inc.municipalityId, userId: actor.userId, action: 'photo.read', subjectType: 'photo', subjectId: photoId });
  return Buffer.from(bytes);
}
