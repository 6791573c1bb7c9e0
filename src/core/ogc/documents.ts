/**
 * The OGC API's own documents (OGC API – Features Part 1, Part 2, Part 3's queryables): the landing
 * page, the conformance declaration, the OpenAPI 3.0 definition with every collection's items
 * operation and its attribute filters, a collection's description and its queryables. Pure: the
 * server gives the base URL and the collections the caller may see.
 */
import { boxToCrs84, CRS84, EPSG_3006, OGC_CRS } from './crs.ts';
import { SHAPES, type AttributeFilter, type CollectionKind, type PropertySchema } from './collections.ts';
import { declaredParameters, LIMIT_DEFAULT, LIMIT_MAX } from './query.ts';

export const MEDIA = {
  json: 'application/json',
  geojson: 'application/geo+json',
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
  schema: 'application/schema+json',
  html: 'text/html',
} as const;

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
] as const;

/** A collection as the caller may see it: what it is and where and when its features lie. */
export interface CollectionInfo {
  id: string;
  kind: CollectionKind;
  title: string;
  description: string;
  /** The extent in EPSG:3006 metres (null when unknown: no features, or no geometry). */
  bbox3006: [number, number, number, number] | null;
  /** First and last time of its features, RFC 3339 (null ends when open or unknown); null when the features have no time. */
  interval: [string | null, string | null] | null;
}

export interface Link { href: string; rel: string; type?: string; title?: string }

export function landingPage(base: string, docs: string): object {
  return {
    title: 'Lägesbild – OGC API Features',
    description: 'Händelser, platser, områden, åtgärder och lägesbildernas hotspots i kommunerna, under den inloggades eller API-nyckelns behörighet. Incidents, places, areas, measures and the hotspots of each published lägesbild, under the access rules of the caller.',
    links: [
      { href: `${base}`, rel: 'self', type: MEDIA.json, title: 'Den här sidan / this document' },
      { href: `${base}/api`, rel: 'service-desc', type: MEDIA.openapi, title: 'OpenAPI 3.0' },
      { href: docs, rel: 'service-doc', type: MEDIA.html, title: 'Dokumentation / documentation' },
      { href: `${base}/conformance`, rel: 'conformance', type: MEDIA.json, title: 'Conformance' },
      { href: `${base}/collections`, rel: 'data', type: MEDIA.json, title: 'Samlingar / collections' },
    ] satisfies Link[],
  };
}

export const conformance = () => ({ conformsTo: [...CONFORMANCE] });

export function collectionDocument(base: string, c: CollectionInfo): object {
  const href = `${base}/collections/${c.id}`;
  const spatial = c.bbox3006
    ? { spatial: { bbox: [boxToCrs84(c.bbox3006), c.bbox3006], crs: CRS84 } }
    : {};
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    itemType: 'feature',
    links: [
      { href, rel: 'self', type: MEDIA.json, title: c.title },
      { href: `${href}/items`, rel: 'items', type: MEDIA.geojson, title: c.title },
      { href: `${href}/queryables`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables', type: MEDIA.schema, title: 'Queryables' },
    ] satisfies Link[],
    extent: {
      ...spatial,
      ...(c.interval ? { temporal: { interval: [c.interval], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' } } : {}),
    },
    crs: [...OGC_CRS],
    storageCrs: EPSG_3006,
  };
}

export const collectionsDocument = (base: string, list: CollectionInfo[]) => ({
  links: [{ href: `${base}/collections`, rel: 'self', type: MEDIA.json, title: 'Samlingar / collections' }] satisfies Link[],
  crs: [...OGC_CRS],
  collections: list.map((c) => collectionDocument(base, c)),
});

/** Part 3's queryables: the properties a client may filter on, as a JSON Schema. */
export function queryables(base: string, c: CollectionInfo): object {
  const shape = SHAPES[c.kind];
  const properties: Record<string, object> = {};
  for (const f of shape.filters) properties[f.name] = schemaOf(f.schema, f.description);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${base}/collections/${c.id}/queryables`,
    type: 'object',
    title: c.title,
    properties,
    additionalProperties: false,
  };
}

const schemaOf = (s: PropertySchema, description?: string) => ({
  type: s.type, title: s.title, ...(s.format ? { format: s.format } : {}), ...(s.enum ? { enum: [...s.enum] } : {}),
  ...(s.pattern ? { pattern: s.pattern } : {}), ...(description ? { description } : {}),
});

const STANDARD: Record<string, object> = {
  limit: {
    name: 'limit', in: 'query', required: false, style: 'form', explode: false,
    description: `Features per page: ${LIMIT_DEFAULT} unless given, at most ${LIMIT_MAX} (more is refused with 400).`,
    schema: { type: 'integer', minimum: 1, maximum: LIMIT_MAX, default: LIMIT_DEFAULT },
  },
  bbox: {
    name: 'bbox', in: 'query', required: false, style: 'form', explode: false,
    description: 'minX,minY,maxX,maxY in CRS84 (longitude, latitude), or in the system of bbox-crs. Features whose geometry meets the box.',
    schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
  },
  'bbox-crs': {
    name: 'bbox-crs', in: 'query', required: false, style: 'form', explode: false,
    description: 'The system of bbox: CRS84 unless given.', schema: { type: 'string', format: 'uri', enum: [...OGC_CRS], default: CRS84 },
  },
  crs: {
    name: 'crs', in: 'query', required: false, style: 'form', explode: false,
    description: 'The system of the answer\'s geometries (the Content-Crs header names it): CRS84 unless given.',
    schema: { type: 'string', format: 'uri', enum: [...OGC_CRS], default: CRS84 },
  },
  cursor: {
    name: 'cursor', in: 'query', required: false, style: 'form', explode: false,
    description: 'Where a page starts; set by the next and prev links (a stable order: follow them as they are).',
    schema: { type: 'string' },
  },
  datetime: {
    name: 'datetime', in: 'query', required: false, style: 'form', explode: false,
    description: 'An instant or an interval (RFC 3339; "a/b", "../b", "a/.."): features whose time meets it.',
    schema: { type: 'string' },
  },
};

const filterParameter = (f: AttributeFilter) => ({
  name: f.name, in: 'query', required: false, style: 'form', explode: false,
  description: `${f.description} Several values separated by commas: any of them.`,
  schema: schemaOf(f.schema),
});

const exception = { description: 'An exception', content: { [MEDIA.json]: { schema: { $ref: '#/components/schemas/exception' } } } };

/** The OpenAPI 3.0 definition: the fixed resources and every collection's items with its own parameters. */
export function openApi(base: string, version: string, list: CollectionInfo[]): object {
  const paths: Record<string, object> = {
    '/': { get: { operationId: 'landingPage', summary: 'Landing page', responses: { 200: { description: 'The landing page' } } } },
    '/conformance': { get: { operationId: 'conformance', summary: 'Conformance classes', responses: { 200: { description: 'The conformance declaration' } } } },
    '/collections': { get: { operationId: 'collections', summary: 'The collections the caller may read', responses: { 200: { description: 'The collections' } } } },
  };
  for (const c of list) {
    const params = declaredParameters(SHAPES[c.kind]).map((name) => STANDARD[name] ?? filterParameter(SHAPES[c.kind].filters.find((f) => f.name === name)!));
    paths[`/collections/${c.id}`] = { get: { operationId: `describe-${c.id}`, summary: c.title, responses: { 200: { description: 'The collection' }, 404: exception } } };
    paths[`/collections/${c.id}/queryables`] = { get: { operationId: `queryables-${c.id}`, summary: `${c.title}: queryables`, responses: { 200: { description: 'Queryables' } } } };
    paths[`/collections/${c.id}/items`] = {
      get: {
        operationId: `items-${c.id}`, summary: `${c.title}: features`, tags: ['features'], parameters: params,
        responses: { 200: { description: 'A page of features', content: { [MEDIA.geojson]: { schema: { type: 'object' } } } }, 400: exception, 401: exception, 404: exception },
      },
    };
    paths[`/collections/${c.id}/items/{featureId}`] = {
      get: {
        operationId: `item-${c.id}`, summary: `${c.title}: one feature`, tags: ['features'],
        parameters: [{ name: 'featureId', in: 'path', required: true, schema: { type: 'string' } }, STANDARD.crs],
        responses: { 200: { description: 'The feature', content: { [MEDIA.geojson]: { schema: { type: 'object' } } } }, 400: exception, 404: exception },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Lägesbild – OGC API Features',
      version,
      description: 'Read with a session cookie, or with a personal API token (the web app\'s page API-nycklar): "Authorization: Bearer <token>", or HTTP Basic with the token as the password.',
    },
    servers: [{ url: base }],
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer' }, basic: { type: 'http', scheme: 'basic' } },
      schemas: { exception: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, description: { type: 'string' }, parameter: { type: 'string' } } } },
    },
    security: [{ token: [] }, { basic: [] }],
    paths,
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' }[c]!));

/** The service-doc: the resources and each collection's parameters in words, for a person with a browser. */
export function serviceDoc(base: string, list: CollectionInfo[]): string {
  const rows = list.map((c) => {
    const params = declaredParameters(SHAPES[c.kind]).map((p) => `<code>${escapeHtml(p)}</code>`).join(', ');
    return `<tr><td><a href="${escapeHtml(`${base}/collections/${c.id}/items`)}">${escapeHtml(c.id)}</a></td><td>${escapeHtml(c.title)}</td><td>${params}</td></tr>`;
  }).join('\n');
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Lägesbild – OGC API Features</title></head>
<body><main>
<h1>Lägesbild – OGC API Features</h1>
<p>Lägg till adressen <code>${escapeHtml(base)}</code> som en anslutning för OGC API – Features i QGIS, ArcGIS Pro eller FME, med en API-nyckel
(sidan API-nycklar i webbappen) som lösenord (Basic) eller som <code>Authorization: Bearer</code>. Koordinater i CRS84, eller i SWEREF 99 TM med
<code>crs=${escapeHtml(EPSG_3006)}</code>. Högst ${LIMIT_MAX} objekt per sida (${LIMIT_DEFAULT} om inget anges).</p>
<p lang="en">Add <code>${escapeHtml(base)}</code> as an OGC API – Features connection, with a personal API token as the Basic password or as a
Bearer token. OpenAPI: <a href="${escapeHtml(`${base}/api`)}">${escapeHtml(`${base}/api`)}</a>.</p>
<table><caption>Samlingar / collections</caption>
<thead><tr><th scope="col">id</th><th scope="col">Titel / title</th><th scope="col">Parametrar / parameters</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</main></body></html>
`;
}
