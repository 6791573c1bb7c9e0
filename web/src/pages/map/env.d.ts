// Vite's asset-URL imports (`…?url`), for the MapLibre worker file.
declare module '*?url' {
  const url: string;
  export default url;
}
