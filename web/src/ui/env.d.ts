// Vite's asset-URL import of the MapLibre worker file (the bundled worker URL as a string), used by ./maplibre.ts.
declare module 'maplibre-gl/dist/maplibre-gl-worker.mjs?url' {
  const url: string;
  export default url;
}
