/** Whether the client asked for GeoJSON (RFC 7946) rather than the API's JSON. */
export function wantsGeoJson(accept: string | undefined): boolean {
  return !!accept && /application\/(geo\+json|vnd\.geo\+json)/i.test(accept);
}
