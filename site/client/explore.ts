/**
 * The live exploration on a game page: the sliders (hidden until this runs) set the state,
 * and every change re-runs the generated evaluator in the page and redraws what depends on
 * it with the same functions the build drew the static pictures with: the trajectories'
 * `d`, the field (when a hyperparameter moved), the update maps' eigenvalues, the markers on
 * the stability maps and the rings on the eigenvalue paths, and the pictures' descriptions.
 * A button animates the iterates.
 */
import { num } from '../i18n-client.js';
import type { ClientStrings as Strings } from '../i18n-client.js';
import { GAME_GLOBAL } from '../model/params.js';
import type { PageEvaluator } from '../model/params.js';
import { defaultState, eigenData, extraRuns, fieldDesc, paramsOf, runs, shownMethods } from '../model/explore.js';
import type { EigenData, ExploreSpec, MethodChoice, State } from '../model/explore.js';
import { streamlets } from '../model/numerics.js';
import type { Run } from '../model/numerics.js';
import { discriminatorLine, diracScales } from '../plots/dirac.js';
import { eigenPanels } from '../plots/eigen.js';
import { FIELD_BOX, SERIES, STREAMLET_GRID, STREAMLET_LENGTH, endOf, extraLayer, fieldLayer, fieldScales, isDiscrete, trajectoryPaths } from '../plots/field.js';
import type { Series } from '../plots/field.js';
import { pathsOf, pathsScales } from '../plots/paths.js';
import type { Spectrum } from '../plots/paths.js';
import { stabilityScales } from '../plots/stability.js';

const byId = <T extends Element = Element>(id: string): T | null => document.getElementById(id) as T | null;

/** Writes a text or an attribute only where it changes: a slider moves one value, and each text
 * written again, if the same, is still shaped and laid out again. */
function setText(node: Element | null | undefined, text: string): void {
  if (node && node.textContent !== text) node.textContent = text;
}
function setAttr(node: Element | null | undefined, name: string, value: string): void {
  if (node && node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** Slider position -> value (log sliders run over 0..1000). At its initial position a slider
 * gives its default exactly, not the rounding of the log scale. */
function valueOf(input: HTMLInputElement): number {
  if (input.value === input.defaultValue && input.dataset.default !== undefined) return Number(input.dataset.default);
  const min = Number(input.dataset.min);
  const max = Number(input.dataset.max);
  const v = Number(input.value);
  if (input.dataset.log !== undefined) return min * (max / min) ** (v / 1000);
  return input.dataset.int !== undefined ? Math.round(v) : v;
}

class Explorer {
  private readonly t: Strings;
  private readonly game: PageEvaluator;
  private readonly field = fieldScales();
  private readonly dirac = diracScales();
  private state: State;
  private runs: Record<Series, Run> | undefined;
  /** Where the rings on each eigenvalue-path picture are, by hyperparameter. */
  private readonly marks = new Map<string, Spectrum>();
  private fieldKey = '';
  /** Each eigenvalue panel's shell as last drawn (eigenPanel): unknown at first, so the first update draws them whole. */
  private readonly eigenShells: string[] = [];
  /** The markup last written into each group the page redraws in parts (redrawEigen). */
  private readonly drawn = new WeakMap<Element, string>();
  /** The state the eigenvalue panels show (see update). */
  private eigenKey = '';
  private frame = 0;
  private playing = false;

  constructor(
    private readonly spec: ExploreSpec,
    t: Strings,
    private readonly form: HTMLFormElement,
    game: PageEvaluator,
  ) {
    this.t = t;
    this.game = game;
    this.state = defaultState(spec);
    this.fieldKey = JSON.stringify(this.state.values);
    form.hidden = false;
    // The pictures the sliders redraw or mark: their downloads carry the sliders' values
    // (figure-buttons.ts), not the page's defaults.
    for (const live of [byId('fig-field'), byId('fig-eigen-pair'), byId('fig-dirac'), ...Array.from(document.querySelectorAll('svg[id^="fig-stability-"], svg[id^="fig-paths-"]'))]) {
      live?.setAttribute('data-live', '');
    }
    // A slider redraws on every input; a box or a radio on its change (it fires both, once each).
    const { signal } = this.listening;
    form.addEventListener('input', (event) => {
      if ((event.target as HTMLInputElement).type === 'range') this.update();
    }, { signal });
    form.addEventListener('change', (event) => {
      if ((event.target as HTMLInputElement).type !== 'range') this.update();
    }, { signal });
    form.addEventListener('reset', () => window.setTimeout(() => this.update(), 0), { signal });
    byId<HTMLButtonElement>('play')?.addEventListener('click', () => this.toggle(), { signal });
  }

  /** Its listeners on the controls, removed by stop(). */
  private readonly listening = new AbortController();

  /** The state the controls show. */
  private read(): State {
    const values: Record<string, number> = {};
    const get = (key: string): number | undefined => {
      const input = this.form.querySelector<HTMLInputElement>(`input[type=range][data-key="${key}"]`);
      if (!input) return undefined;
      const v = valueOf(input);
      setText(byId<HTMLOutputElement>(`${input.id}-out`), num(v));
      setAttr(input, 'aria-valuetext', num(v));
      return v;
    };
    for (const h of this.spec.hyperparameters) values[h.name] = get(h.name) ?? h.default;
    const d = defaultState(this.spec);
    const method = (this.form.querySelector<HTMLInputElement>('input[name=method]:checked')?.value ?? 'both') as MethodChoice;
    return {
      values,
      h: get('h') ?? d.h,
      nD: get('nD') ?? d.nD,
      steps: get('steps') ?? d.steps,
      start: [get('theta0') ?? d.start[0], get('phi0') ?? d.start[1]],
      method,
      several: this.form.querySelector<HTMLInputElement>('input[name=several]')?.checked ?? false,
    };
  }

  /** Recompute and redraw; synchronous, so a slider's input event returns with the picture redrawn. */
  update(): void {
    const state = this.read();
    this.state = state;
    const p = paramsOf(state, this.game.sampleActivation);
    const key = JSON.stringify(state.values);
    if (key !== this.fieldKey) {
      this.fieldKey = key;
      const layer = byId('fig-field-field');
      if (layer) layer.innerHTML = fieldLayer(streamlets(this.game, p, FIELD_BOX, STREAMLET_GRID, STREAMLET_LENGTH), this.field);
      this.moveRings(state);
    }
    const r = runs(this.game, this.spec, state);
    this.runs = r;
    const shown = new Set<Series>(['flow', ...shownMethods(state.method)]);
    for (const series of SERIES) {
      const path = byId(`fig-field-${series}`);
      const end = byId(`fig-field-end-${series}`);
      const visibility = shown.has(series) ? 'visible' : 'hidden';
      const paths = trajectoryPaths(r[series].path, this.field, isDiscrete(series));
      path?.setAttribute('d', paths.line);
      setAttr(path, 'visibility', visibility);
      const iterates = isDiscrete(series) ? byId(`fig-field-${series}-iterates`) : null;
      iterates?.setAttribute('d', paths.dots);
      setAttr(iterates, 'visibility', visibility);
      const [a, b] = endOf(r[series].path);
      setAttr(end, 'cx', this.field.x(a).toFixed(1));
      setAttr(end, 'cy', this.field.y(b).toFixed(1));
      setAttr(end, 'visibility', visibility);
    }
    const start = byId('fig-field-start');
    setAttr(start, 'cx', this.field.x(state.start[0]).toFixed(1));
    setAttr(start, 'cy', this.field.y(state.start[1]).toFixed(1));
    // The other starts' runs only when asked for: four times the work of an input.
    const extra = state.several ? extraRuns(this.game, this.spec, state) : [];
    const extraGroup = byId('fig-field-extra');
    if (extraGroup) extraGroup.innerHTML = extraLayer(extra.map((runs) => ({ flow: runs.flow.path, simultaneous: runs.simultaneous.path, alternating: runs.alternating.path })), shown, this.field);
    setText(byId('fig-field-desc'), fieldDesc(this.t, this.spec, state, r, extra));

    // The update maps' eigenvalues depend on the hyperparameters, h, n_D and the method only:
    // a move of the start or of the number of steps leaves them (and their panels) as they are.
    const pair = byId('fig-eigen-pair');
    const eigenKey = JSON.stringify([state.values, state.h, state.nD, state.method]);
    const data = pair && eigenKey !== this.eigenKey ? eigenData(this.t, this.game, p, state) : undefined;
    this.eigenKey = eigenKey;
    if (pair && data) {
      this.redrawEigen(data);
      setText(pair.parentElement?.querySelector('figcaption'), this.t.eigenCaption(num(state.h)));
    }
    for (const h of this.spec.hyperparameters) {
      const s = stabilityScales(h.range);
      for (const method of ['simultaneous', 'alternating']) {
        const marker = byId(`fig-stability-${method}-${h.name}-marker`);
        setAttr(marker, 'cx', s.x(state.values[h.name]!).toFixed(1));
        setAttr(marker, 'cy', s.y(state.h).toFixed(1));
      }
    }
    if (!this.playing) this.showDirac(state.start[0], state.start[1]);
    setText(byId('fig-field')?.parentElement?.querySelector('figcaption [data-run]'), this.t.fieldCaption(num(state.h), state.steps, `(${num(state.start[0])}, ${num(state.start[1])})`) + (state.several ? this.t.extraCaption : ''));
  }

  /** The eigenvalue panels: the parts that changed (frame, markers, legend) and the
   * description, or the whole panel where its shell (size, title) changed (eigenPanel). */
  private redrawEigen(data: EigenData): void {
    eigenPanels(this.t, this.t.eigenTitle(this.spec.title), data, 'fig-eigen').forEach((panel, i) => {
      const svg = byId(panel.id);
      if (!svg) return;
      if (this.eigenShells[i] === panel.shell) {
        for (const [part, markup] of Object.entries(panel.parts)) {
          const group = byId(`${panel.id}-${part}`);
          if (group && this.drawn.get(group) !== markup) group.innerHTML = markup;
          if (group) this.drawn.set(group, markup);
        }
        setText(byId(`${panel.id}-desc`), data.desc);
      } else svg.outerHTML = panel.svg;
      this.eigenShells[i] = panel.shell;
    });
  }

  /** The rings on the eigenvalue paths at the hyperparameters set: the eigenvalues of J(0, 0)
   * from the generated `equilibriumEigenvalues`, each ring kept on its path by continuity. */
  private moveRings(state: State): void {
    const eigenvalues = this.game.equilibriumEigenvalues;
    if (!eigenvalues) return;
    const p = paramsOf(state, this.game.sampleActivation);
    for (const h of this.spec.hyperparameters) {
      const svg = byId(`fig-paths-${h.name}`);
      const domain = svg?.getAttribute('data-domain')?.split(',').map(Number);
      if (!svg || domain?.length !== 4) continue;
      const s = pathsScales('lambda', { x: [domain[0]!, domain[1]!], y: [domain[2]!, domain[3]!] });
      const rings = [0, 1].map((i) => byId(`fig-paths-${h.name}-mark-${i}`));
      const before = this.marks.get(h.name) ?? {
        re: rings.map((c) => s.x.invert(Number(c?.getAttribute('cx')))),
        im: rings.map((c) => s.y.invert(Number(c?.getAttribute('cy')))),
      };
      const [re, im] = pathsOf([before, eigenvalues(p)]).reduce<[number[], number[]]>((acc, path) => [[...acc[0], path.re[1]!], [...acc[1], path.im[1]!]], [[], []]);
      this.marks.set(h.name, { re, im });
      rings.forEach((c, i) => {
        c?.setAttribute('cx', s.x(re[i]!).toFixed(1));
        c?.setAttribute('cy', s.y(im[i]!).toFixed(1));
      });
      const value = state.values[h.name]!;
      setText(byId(`fig-paths-${h.name}-marks-label`), this.t.marksAt(h.symbol, num(value), value === h.default));
    }
  }

  private showDirac(theta: number, phi: number): void {
    const gen = byId('fig-dirac-gen');
    gen?.setAttribute('cx', this.dirac.x(Math.max(-3, Math.min(3, theta))).toFixed(1));
    const line = byId('fig-dirac-line');
    if (line) {
      const m = /x1="([^"]*)" y1="([^"]*)" x2="([^"]*)" y2="([^"]*)"/.exec(discriminatorLine(phi, this.dirac));
      if (m) ['x1', 'y1', 'x2', 'y2'].forEach((a, i) => line.setAttribute(a, m[i + 1]!));
    }
  }

  /** Stops the animation and lets go of the controls: the playground's next result replaces the
   * pictures, or keeps them for an explorer of its own. */
  stop(): void {
    this.listening.abort();
    if (this.playing) {
      const button = byId<HTMLButtonElement>('play');
      if (button) button.textContent = button.dataset.play ?? '';
    }
    this.playing = false;
    window.cancelAnimationFrame(this.frame);
  }

  /** Play or pause the animation of the iterates: a dot per shown series, step by step. */
  private toggle(): void {
    const button = byId<HTMLButtonElement>('play');
    if (this.playing) {
      this.playing = false;
      window.cancelAnimationFrame(this.frame);
      if (button) button.textContent = button.dataset.play ?? '';
      return;
    }
    if (!this.runs) this.update();
    this.playing = true;
    if (button) button.textContent = button.dataset.pause ?? '';
    const t0 = performance.now();
    const duration = Math.min(8000, Math.max(2500, this.state.steps * 10));
    const tick = (now: number): void => {
      if (!this.playing || !this.runs) return;
      // A frame's timestamp is when the frame began, which may precede the click's t0.
      const progress = Math.max(0, Math.min(1, (now - t0) / duration));
      const k = Math.round(progress * this.state.steps);
      const shown = new Set<Series>(['flow', ...shownMethods(this.state.method)]);
      for (const series of SERIES) {
        const dot = byId(`fig-field-dot-${series}`);
        const points = this.runs[series].path;
        const i = Math.min(k, points.length / 2 - 1);
        dot?.setAttribute('cx', this.field.x(points[2 * i]!).toFixed(1));
        dot?.setAttribute('cy', this.field.y(points[2 * i + 1]!).toFixed(1));
        dot?.setAttribute('visibility', shown.has(series) ? 'visible' : 'hidden');
      }
      const lead = this.runs[shownMethods(this.state.method)[0]!].path;
      const i = Math.min(k, lead.length / 2 - 1);
      this.showDirac(lead[2 * i]!, lead[2 * i + 1]!);
      if (progress < 1) this.frame = window.requestAnimationFrame(tick);
      else {
        this.playing = false;
        if (button) button.textContent = button.dataset.play ?? '';
      }
    };
    this.frame = window.requestAnimationFrame(tick);
  }
}

export function enableExplorer(t: Strings): void {
  const game = (window as unknown as Record<string, PageEvaluator | undefined>)[GAME_GLOBAL];
  if (game) startExplorer(t, game);
}

/** Binds the sliders of the page's explore section, if it has one, to its pictures, drawn with `game`. */
export function startExplorer(t: Strings, game: PageEvaluator): { stop(): void } | undefined {
  const data = byId('explore-data');
  const form = byId<HTMLFormElement>('controls');
  if (!data || !form) return undefined;
  const { spec } = JSON.parse(data.textContent ?? '{}') as { spec: ExploreSpec };
  const explorer = new Explorer(spec, t, form, game);
  explorer.update();
  return explorer;
}
