/**
 * Files of incidents as municipalities have them, made for the import tests: a CSV as Swedish Excel
 * saves it (Windows-1252, semicolons, decimal commas), an XLSX with real date cells, a GeoJSON of
 * points. Rows are given as plain values; positions in WGS84 and converted as each file needs.
 */
import iconv from 'iconv-lite';
import { toSweref99tm } from '../../src/core/geo/crs.ts';

export interface FileRow {
  id?: string;
  /** Local Swedish wall time: 'YYYY-MM-DD HH:MM' or a date alone. */
  when: string;
  category: string;
  lon: number;
  lat: number;
  place?: string;
  description?: string;
  police?: boolean;
  organisation?: string;
}

const comma = (v: number) => String(v).replace('.', ',');
const quote = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Datum;Klockslag;Händelsetyp;Öst;Nord;Plats;Beskrivning;Polisanmäld;Ärendenummer — Windows-1252, CRLF, `2025-03-04` and `21.30`. */
export function swedishCsv(rows: FileRow[], opts: { organisation?: boolean } = {}): Buffer {
  const head = ['Datum', 'Klockslag', 'Händelsetyp', 'Öst', 'Nord', 'Plats', 'Beskrivning', 'Polisanmäld', 'Ärendenummer', ...(opts.organisation ? ['Organisation'] : [])];
  const lines = [head.join(';')];
  for (const r of rows) {
    const [date, time = ''] = r.when.split(' ');
    const { e, n } = toSweref99tm(r.lon, r.lat);
    lines.push([date, time.replace(':', '.'), r.category, comma(Math.round(e * 10) / 10), comma(Math.round(n * 10) / 10), r.place ?? '', r.description ?? '',
      r.police === undefined ? '' : r.police ? 'Ja' : 'Nej', r.id ?? '', ...(opts.organisation ? [r.organisation ?? ''] : [])].map(quote).join(';'));
  }
  return iconv.encode(lines.join('\r\n') + '\r\n', 'win1252');
}

/** An XLSX, sheet "Händelser": Tidpunkt (a date cell, Swedish wall time), Kategori, Latitud, Longitud, Adress, Kommentar, Id. */
export async function xlsxFile(rows: FileRow[], sheet = 'Händelser'): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Info').addRow(['Export från det gamla systemet']);
  const ws = wb.addWorksheet(sheet);
  ws.addRow(['Tidpunkt', 'Kategori', 'Latitud', 'Longitud', 'Adress', 'Kommentar', 'Id']);
  for (const r of rows) {
    const [date, time = '00:00'] = r.when.split(' ');
    // Excel has no time zone: the cell holds the wall time, which exceljs writes from the UTC fields.
    const wall = new Date(`${date}T${time}:00Z`);
    const row = ws.addRow([wall, r.category, r.lat, r.lon, r.place ?? null, r.description ?? null, r.id ?? null]);
    row.getCell(1).numFmt = 'yyyy-mm-dd hh:mm';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A GeoJSON FeatureCollection of points in WGS84 with properties datum, kategori, plats, id. */
export function geoJsonFile(rows: FileRow[]): Buffer {
  return Buffer.from(JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: { Tidpunkt: r.when, Kategori: r.category, Plats: r.place ?? null, Beskrivning: r.description ?? null, Id: r.id ?? null },
    })),
  }));
}

/** A multipart form with the file and the options, as the web sends it. */
export function importForm(fileName: string, bytes: Buffer, options: object): { payload: Buffer; contentType: string } {
  const boundary = '----lagesbild' + Math.random().toString(16).slice(2);
  const parts = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="options"\r\n\r\n${JSON.stringify(options)}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
