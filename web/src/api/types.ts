import type * as GeoJSON from 'geojson';
/** Shapes of the API's answers (see /openapi.json). */
export type Role = 'reporter' | 'coordinator' | 'areaGroup' | 'viewer' | 'admin';
export type ReviewStatus = 'new' | 'reviewed' | 'rejected' | 'duplicate';

export interface User {
  id: string; municipalityId: string; organisationId: string; organisationName: string; email: string; name: string;
  roles: Role[]; active: boolean; municipalities: string[]; lastLoginAt: string | null;
}
export interface Me { user: User; csrfToken: string; municipalities: Array<{ id: string; name: string }> }
export interface Category { id: string; municipalityId: string; parentId: string | null; code: string; nameSv: string; nameEn: string; colour: string; icon: string; sortOrder: number; active: boolean }
export interface Organisation { id: string; municipalityId: string; name: string; shortName: string | null; kind: string; active: boolean }
export interface Place { id: string; municipalityId: string; name: string; kind: string; description: string | null; geometry: GeoJSON.Geometry }
export interface Area { id: string; municipalityId: string; kind: string; name: string; code: string | null; properties: Record<string, unknown>; geometry: GeoJSON.Geometry; areaKm2: number }
export interface Municipality { id: string; name: string; geometry: GeoJSON.Geometry }
export interface Incident {
  id: string; municipalityId: string; categoryId: string; categoryCode: string; categoryNameSv: string; categoryNameEn: string; categoryColour: string;
  occurredFrom: string; occurredTo: string; reportedAt: string; location: { lon: number; lat: number; e: number; n: number };
  positionPrecision: string; precisionM: number | null; placeId: string | null; placeName: string | null; description: string | null;
  organisationId: string; organisationName: string; reporterId: string | null; reportedToPolice: boolean | null; assessment: number | null;
  source: string; reviewStatus: ReviewStatus; duplicateOf: string | null; visibility: 'normal' | 'restricted'; version: number; createdAt: string; updatedAt: string;
}
export interface Page<T> { items: T[]; nextCursor: string | null }
