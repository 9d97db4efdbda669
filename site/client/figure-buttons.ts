/**
 * A download button for each picture, as SVG and as PNG, under it: the file is made by
 * assets/export.js (client/export.ts), loaded at the first click. Its parameters: the page's
 * game and hyperparameters (main's data-figure-params, written by the build) and, for the
 * pictures of the explorer, the values its controls show now. Progressive enhancement: without
 * script there are no buttons, and nothing else changes.
 */
import type { FigureParams, exportFigure } from './export.js';

/** The global assets/export.js leaves its function on. */
export const EXPORT_GLOBAL = 'diracGanExportFigure';

export interface ExportLabels {
  /** The accessible name of a button: the picture's title and the format. */
  readonly exportAs: (title: string, format: string) => string;
}

export function enableFigureExports(labels: ExportLabels): void {
  const main = document.getElementById('main');
  const pageParams = JSON.parse(main?.dataset.figureParams ?? '{}') as FigureParams;
  for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>('svg.plot'))) {
    const title = svg.querySelector(':scope > title')?.textContent?.trim() ?? svg.id;
    const bar = document.createElement('div');
    bar.className = 'export';
    for (const format of ['SVG', 'PNG'] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = format;
      button.setAttribute('aria-label', labels.exportAs(title, format));
      button.addEventListener('click', () => {
        const params = { ...pageParams, ...liveParams(svg) };
        void exporter().then((run) => run(svg, format, params));
      });
      bar.append(button);
    }
    svg.after(bar);
  }
}

let loading: Promise<typeof exportFigure> | undefined;

/** assets/export.js, next to the page script, loaded once (a classic script: file:// too). */
function exporter(): Promise<typeof exportFigure> {
  loading ??= new Promise((resolve, reject) => {
    const own = document.querySelector<HTMLScriptElement>('script[src*="assets/site."]');
    const script = document.createElement('script');
    script.src = new URL('export.js', own?.src ?? location.href).href;
    script.addEventListener('load', () => resolve((window as unknown as Record<string, typeof exportFigure>)[EXPORT_GLOBAL]!));
    script.addEventListener('error', () => reject(new Error(`cannot load ${script.src}`)));
    document.head.append(script);
  });
  return loading;
}

/** The values the explorer's controls show now, for a picture in the explorer's section. */
function liveParams(svg: SVGSVGElement): Record<string, string> {
  const form = svg.closest('section')?.querySelector<HTMLFormElement>('form#controls');
  if (!form || form.hidden) return {};
  const params: Record<string, string> = {};
  for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[type=range][data-key]'))) {
    params[input.dataset.key!] = document.getElementById(`${input.id}-out`)?.textContent?.trim() ?? input.value;
  }
  const method = form.querySelector<HTMLInputElement>('input[name=method]:checked');
  if (method) params.method = method.value;
  return params;
}
