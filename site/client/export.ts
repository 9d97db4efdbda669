/**
 * A picture as a file: SVG, or PNG at print resolution (300 dpi at its width on the page's 96
 * dpi), its parameters in the file name and in the file. The SVG carries the site's stylesheet
 * (its marks are styled by class) and a <metadata> element; the PNG carries tEXt chunks (Title,
 * Description, Source, Comment: the parameters as JSON) and its resolution (pHYs). A script of
 * its own (assets/export.js), which the page script loads at the first click of a download
 * button (client/figure-buttons.ts): a reader who never downloads does not fetch it.
 */
import { download } from './download.js';

/** Print resolution over CSS pixels (96 per inch). */
export const PRINT_SCALE = 300 / 96;
/** pHYs: 300 dpi in pixels per metre. */
const PIXELS_PER_METRE = Math.round(300 / 0.0254);
const SVG_NS = 'http://www.w3.org/2000/svg';

export type FigureParams = Readonly<Record<string, string | number>>;

/** Downloads the picture in the format, named and marked with the parameters. */
export function exportFigure(svg: SVGSVGElement, format: 'SVG' | 'PNG', params: FigureParams): Promise<void> {
  const name = fileName(svg.id, params);
  const text = standaloneSvg(svg, params);
  if (format === 'SVG') {
    download(new Blob([text], { type: 'image/svg+xml' }), `${name}.svg`);
    return Promise.resolve();
  }
  return png(svg, text, params).then((blob) => download(blob, `${name}.png`));
}

/** game_figure_key-value_...: the picture's id without its "fig-" and every parameter. */
function fileName(id: string, params: FigureParams): string {
  const { game, ...rest } = params;
  const parts = [...(game === undefined ? [] : [String(game)]), id.replace(/^fig-/, ''), ...Object.entries(rest).map(([k, v]) => `${k}-${v}`)];
  return parts.join('_').replace(/[^\w.\-]+/g, '-');
}

/** The picture as a file of its own: its size, the site's styles, its parameters. */
function standaloneSvg(svg: SVGSVGElement, params: FigureParams): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svg.viewBox.baseVal;
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('xmlns', SVG_NS);
  const metadata = document.createElementNS(SVG_NS, 'metadata');
  metadata.textContent = JSON.stringify({ source: source(), figure: svg.id, parameters: params });
  const style = document.createElementNS(SVG_NS, 'style');
  style.textContent = siteCss();
  copy.querySelector(':scope > desc')?.after(metadata, style);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/** The site's stylesheet, minified, which build.ts writes into this script: the marks' colours
 * and strokes are set by class, and a page opened from file:// may not read its own rules. */
declare const SITE_CSS: string;
function siteCss(): string {
  return SITE_CSS;
}

/** Where the picture comes from: the page's address, or for a page opened from disk only its
 * file name (the reader's own folders stay out of the file). */
const source = (): string => (location.protocol === 'file:' ? location.pathname.split('/').pop() ?? '' : location.href);

/** The SVG drawn at print resolution, with its text and resolution chunks. */
async function png(svg: SVGSVGElement, text: string, params: FigureParams): Promise<Blob> {
  const { width, height } = svg.viewBox.baseVal;
  const image = new Image();
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * PRINT_SCALE);
    canvas.height = Math.round(height * PRINT_SCALE);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
    const chunks = [
      physChunk(),
      textChunk('Title', svg.querySelector(':scope > title')?.textContent ?? svg.id),
      textChunk('Description', svg.querySelector(':scope > desc')?.textContent ?? ''),
      textChunk('Source', source()),
      textChunk('Comment', JSON.stringify({ figure: svg.id, parameters: params })),
    ];
    return withChunks(new Uint8Array(await blob.arrayBuffer()), chunks);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The PNG with the chunks inserted after IHDR (the first chunk: 8 bytes of signature, 25 of IHDR). */
function withChunks(bytes: Uint8Array<ArrayBuffer>, chunks: readonly Uint8Array<ArrayBuffer>[]): Blob {
  const end = 8 + 25;
  return new Blob([bytes.slice(0, end), ...chunks, bytes.slice(end)], { type: 'image/png' });
}

function physChunk(): Uint8Array<ArrayBuffer> {
  const data = new Uint8Array(9);
  const view = new DataView(data.buffer);
  view.setUint32(0, PIXELS_PER_METRE);
  view.setUint32(4, PIXELS_PER_METRE);
  data[8] = 1; // the unit: metres
  return chunk('pHYs', data);
}

/** tEXt holds Latin-1: other characters (a Chinese title) are written as \u escapes. */
function textChunk(keyword: string, text: string): Uint8Array<ArrayBuffer> {
  const latin1 = text.replace(/[^\x20-\x7e\n]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const data = new Uint8Array(keyword.length + 1 + latin1.length);
  for (let i = 0; i < keyword.length; i++) data[i] = keyword.charCodeAt(i);
  for (let i = 0; i < latin1.length; i++) data[keyword.length + 1 + i] = latin1.charCodeAt(i);
  return chunk('tEXt', data);
}

/** A PNG chunk: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** CRC-32 (ISO 3309, as PNG's chunks use it), bit by bit: a few hundred bytes a picture. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
