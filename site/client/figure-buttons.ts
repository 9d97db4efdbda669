/**
 * A download button for each picture, as SVG and as PNG, under it: the file is made by
 * assets/export.js (client/export.ts), loaded at the first click. Its parameters: the page's
 * game and hyperparameters (main's data-figure-params, written by the build) and, for the
 * pictures the explorer redraws or marks (data-live), the values its controls show now. Progressive enhancement: without
 * script there are no buttons, and nothing else changes.
 */
import type { FigureParams, exportFigure } from './export.js';

/** The global assets/export.js leaves its function on. */
export const EXPORT_GLOBAL = 'diracGanExportFigure';

export interface ExportLabels {
  /** The accessible name of a button: the picture's title and the format. */
  readonly exportAs: (title: string, format: string) => string;
  /** A button's text for a moment when the download could not be made. */
  readonly failed: string;
}

export function enableFigureExports(labels: ExportLabels): void {
  const main = document.getElementById('main');
  const pageParams = JSON.parse(main?.dataset.figureParams ?? '{}') as FigureParams;
  for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>('svg.plot'))) {
    const id = svg.id;
    const title = svg.querySelector(':scope > title')?.textContent?.trim() ?? id;
    const bar = document.createElement('div');
    bar.className = 'export';
    bar.title = title;
    for (const format of ['SVG', 'PNG'] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = format;
      button.setAttribute('aria-label', labels.exportAs(title, format));
      button.addEventListener('click', () => {
        // By id at the click: the explorer may have drawn the picture anew since.
        const current = document.getElementById(id) as SVGSVGElement | null;
        if (!current) return;
        const params = { ...pageParams, ...(current.closest('[data-live]') ? liveParams() : {}) };
        // A PNG at print resolution can take seconds on a slow machine: the button says it is at work.
        button.setAttribute('aria-busy', 'true');
        button.disabled = true;
        exporter()
          .then((run) => run(current, format, params))
          .catch(() => {
            button.textContent = labels.failed;
            window.setTimeout(() => (button.textContent = format), 1500);
          })
          .finally(() => {
            button.removeAttribute('aria-busy');
            button.disabled = false;
          });
      });
      bar.append(button);
    }
    // After the element the explorer redraws in place (the eigenvalue pair's), so the bar stays.
    (svg.closest('[data-live]:not(svg)') ?? svg).after(bar);
  }
}

let loading: Promise<typeof exportFigure> | undefined;

/** assets/export.js, next to the page script, loaded once (a classic script: file:// too); tried again after a failure. */
function exporter(): Promise<typeof exportFigure> {
  loading ??= new Promise<typeof exportFigure>((resolve, reject) => {
    const own = document.querySelector<HTMLScriptElement>('script[src*="assets/site."]');
    const script = document.createElement('script');
    script.src = new URL('export.js', own?.src ?? location.href).href;
    script.addEventListener('load', () => resolve((window as unknown as Record<string, typeof exportFigure>)[EXPORT_GLOBAL]!));
    script.addEventListener('error', () => {
      script.remove();
      reject(new Error(`cannot load ${script.src}`));
    });
    document.head.append(script);
  }).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** The values the explorer's controls show now (a number where the shown text is one). */
function liveParams(): Record<string, string | number> {
  const form = document.querySelector<HTMLFormElement>('form#controls');
  if (!form || form.hidden) return {};
  const params: Record<string, string | number> = {};
  for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[type=range][data-key]'))) {
    const shown = document.getElementById(`${input.id}-out`)?.textContent?.trim() ?? input.value;
    const value = Number(shown.replace('−', '-'));
    params[input.dataset.key!] = Number.isFinite(value) ? value : shown;
  }
  const method = form.querySelector<HTMLInputElement>('input[name=method]:checked');
  if (method) params.method = method.value;
  // The four more starts: five starts drawn in all.
  if (form.querySelector<HTMLInputElement>('input[name=several]')?.checked) params.starts = 5;
  return params;
}
