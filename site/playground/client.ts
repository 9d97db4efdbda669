/**
 * The playground's page script: an editor (CodeMirror 6) holding a derivation file, derived on
 * each change by the worker (worker.ts, started from the text the build gives this script) and
 * shown as the site shows a game; the command line's messages placed on the text they concern;
 * the game kept in the address (#game=...), so that a link carries it.
 */
import type { Text as DocText } from '@codemirror/state';
import type { Diagnostic } from '@codemirror/lint';
import {
  EditorState,
  EditorView,
  Prec,
  bracketMatching,
  defaultHighlightStyle,
  defaultKeymap,
  drawSelection,
  history as editHistory,
  highlightActiveLine,
  historyKeymap,
  indentOnInput,
  javascript,
  keymap,
  lineNumbers,
  lintGutter,
  setDiagnostics,
  syntaxHighlighting,
  syntaxTree,
} from './editor-modules.js';
import { enableCopyButtons } from '../client/copy.js';
import { download } from '../client/download.js';
import { focusableScrollers } from '../client/scrollers.js';
import type { Lang } from '../i18n.js';
import type { ClientStrings } from '../i18n-client.js';
import { startExplorer } from '../client/explore.js';
import { evaluatorOf } from './evaluator.js';
import type { EvaluatorTable } from './evaluator.js';
import type { Derived } from './derive.js';
import { ESBUILD_GLOBAL, ESBUILD_PARTS, esbuildScriptName } from './protocol.js';
import type { DeriveReply, DeriveRequest, LoadReply, LoadRequest, Problem, SyntaxReply, SyntaxRequest } from './protocol.js';
import { DEFAULT_LOAD_TIMEOUT_SECONDS, loadTimeoutProblem } from '../../generator/load/errors.js';
import { ID_PATTERN, derivationFile } from '../../generator/game.js';
import { PLAYGROUND_STRINGS } from './strings.js';
import type { PlaygroundData } from './strings.js';
import { decodeGame, encodeGame } from './share.js';
import { expressionHighlighting } from './highlight.js';

/** A node of the editor's syntax tree (@lezer/common's, as @codemirror/language hands it out). */
type SyntaxNode = ReturnType<typeof syntaxTree>['topNode'];

/** How long the editor waits after a keystroke before deriving: a burst of keys (a paste, a held
 * key) is one text; at a typist's pace (a key every 150-300 ms) each key is, the newest text sent
 * when the one in flight is done. */
const DEBOUNCE_MS = 50;
/** How long the page's thread may insert results before it lets the page respond. */
const SLICE_MS = 12;
/** Lets the page handle input and paint: scheduler.yield where the browser has it (no 4 ms floor), else a task. */
const yieldToPage = (): Promise<void> =>
  (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve, 0));
/** Resolves after the browser's next frame (its layout done), in a task of its own. */
const afterNextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
/** How long the page must have been idle (nothing derived, no key) before it prepares esbuild's worker. */
const IDLE_MS = 1_000;
/** A text in flight this long when a newer one is due (its debounce ends) is abandoned for the newer one (its worker stopped if it is the one busy). */
const ABANDON_MS = 3_000;
/** The file a message names before the text declares an id. */
const UNNAMED = derivationFile('playground');

export async function startPlayground(lang: Lang, site: ClientStrings, code: { readonly loader: string; readonly generator: string; readonly syntax: string }): Promise<void> {
  const t = PLAYGROUND_STRINGS[lang];
  const words = { copied: site.copied, failed: site.copyFailed };
  const data = JSON.parse(document.getElementById('playground-data')!.textContent!) as PlaygroundData;
  const editorHost = document.getElementById('editor')!;
  const status = document.getElementById('pg-status')!;
  const problemsList = document.getElementById('pg-problems')!;
  const results = document.getElementById('pg-results')!;
  const recordText = document.getElementById('pg-record')!;
  const start = document.getElementById('pg-start') as HTMLSelectElement;
  let lastFile = UNNAMED;
  /** The file a text is, as its messages name it where it does not run (a syntax error, a load that
   * does not end): derivations/<id>.ts of the id it declares (its first property `id: '...'`), else the last. */
  const fileOf = (text: string): string => {
    const id = /(?:^|[{,])\s*id\s*:\s*(['"])([^'"\n]*)\1/m.exec(text)?.[2];
    return id !== undefined && ID_PATTERN.test(id) ? derivationFile(id) : lastFile;
  };
  let lastRecord: string | undefined;

  // --- the workers: one text at a time, the newest next ---
  // A text runs in a fresh loader worker (loader.ts), stopped after the load's time limit; its
  // default export, plain data, goes to the one generator worker (worker.ts), which keeps what
  // it derived between texts. A reply is shown only if it is of the editor's text as it is.
  let generator: Worker;
  let serial = 0;
  let inFlight: { serial: number; doc: DocText; started: number; loader?: Worker; loadTimer?: number; deriving?: true } | undefined;
  let pending = false;
  const loaderUrl = URL.createObjectURL(new Blob([code.loader], { type: 'text/javascript' }));
  const generatorUrl = URL.createObjectURL(new Blob([code.generator], { type: 'text/javascript' }));
  // The next text's loader, started ahead: a worker takes 100-200 ms to start (its script parsed).
  let spareLoader = new Worker(loaderUrl);
  const takeLoader = (): Worker => {
    const loader = spareLoader;
    spareLoader = new Worker(loaderUrl);
    return loader;
  };
  // esbuild's parser for a text that did not run (syntax.ts): started, and its 14 MB module
  // loaded, on the first such text.
  let syntaxWorker: Promise<Worker> | undefined;
  const syntaxReplies = new Map<number, (reply: SyntaxReply) => void>();
  const syntaxChecker = (): Promise<Worker> =>
    (syntaxWorker ??= startSyntaxWorker().catch((error: unknown) => {
      // Tried again on the next such text (a part that did not load, say).
      syntaxWorker = undefined;
      throw error;
    }));
  const startSyntaxWorker = async (): Promise<Worker> => {
    const workers = document.querySelector<HTMLScriptElement>('script[src*="playground-worker"]')!.src;
    const worker = new Worker(URL.createObjectURL(new Blob([code.syntax], { type: 'text/javascript' })));
    worker.addEventListener('message', (event: MessageEvent<SyntaxReply>) => {
      syntaxReplies.get(event.data.serial)?.(event.data);
      syntaxReplies.delete(event.data.serial);
    });
    worker.addEventListener('error', (event) => {
      // The worker is lost (its module did not compile, say): the texts waiting keep sucrase's words, the next starts another.
      event.preventDefault();
      syntaxWorker = undefined;
      for (const [serial, settle] of syntaxReplies) settle({ serial, failure: event.message });
      syntaxReplies.clear();
    });
    // A part a task, each script parsed apart and its part handed on at once (the page keeps none).
    const holder = window as unknown as Record<string, string | undefined>;
    for (let part = 0; part < ESBUILD_PARTS; part++) {
      await new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = new URL(esbuildScriptName(part), workers).href;
        script.addEventListener('load', () => resolve());
        script.addEventListener('error', () => {
          worker.terminate();
          reject(new Error(`${esbuildScriptName(part)} could not be loaded`));
        });
        document.head.append(script);
      });
      worker.postMessage({ wasmPart: holder[ESBUILD_GLOBAL]!, last: part === ESBUILD_PARTS - 1 } satisfies SyntaxRequest);
      delete holder[ESBUILD_GLOBAL];
    }
    return worker;
  };
  /** Starts esbuild's worker once nothing is derived and no key came for IDLE_MS. */
  let lastEdit = 0;
  const prepareSyntaxChecker = (): void => {
    if (syntaxWorker) return;
    if (inFlight || performance.now() - lastEdit < IDLE_MS) window.setTimeout(prepareSyntaxChecker, IDLE_MS / 2);
    else void syntaxChecker().catch(() => undefined);
  };
  /** esbuild's syntax error for a text, as the command line gives it; undefined where esbuild parses it. */
  const esbuildProblem = async (serial: number, text: string, file: string): Promise<Problem | undefined> => {
    const worker = await syntaxChecker();
    const reply = await new Promise<SyntaxReply>((resolve) => {
      syntaxReplies.set(serial, resolve);
      worker.postMessage({ serial, text, file } satisfies SyntaxRequest);
    });
    if ('failure' in reply) throw new Error(reply.failure);
    return reply.problem;
  };

  const startGenerator = (): void => {
    generator = new Worker(generatorUrl);
    generator.addEventListener('message', (event: MessageEvent<DeriveReply>) => {
      const reply = event.data;
      if ('ready' in reply || reply.serial !== inFlight?.serial) return;
      conclude(() => ('failure' in reply ? showFailure(reply.failure) : show(reply.derived)));
    });
    generator.addEventListener('error', (event) => {
      event.preventDefault();
      if (inFlight?.deriving) conclude(() => showFailure(event.message));
    });
  };
  startGenerator();

  // The editor's state (its text parsed) and its view (its DOM made and measured) in tasks of their
  // own: with the workers' start all at once they held the page's thread for 60-80 ms.
  await yieldToPage();
  const initial = EditorState.create({
    doc: data.template,
    extensions: [
      lineNumbers(),
      editHistory(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      syntaxHighlighting(defaultHighlightStyle),
      javascript({ typescript: true }),
      // Highest precedence: its marks drawn inside the string's own colour, which they replace.
      Prec.highest(expressionHighlighting(data.vocabulary)),
      lintGutter(),
      keymap.of([...defaultKeymap, ...historyKeymap]),
      // tabindex: the editable content is the keyboard's way into the editor's scroller (axe-core counts it only so).
      EditorView.contentAttributes.of({ 'aria-label': t.editorLabel, tabindex: '0' }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        lastEdit = performance.now();
        schedule();
      }),
      // A reader who comes to the editor will soon have a text that does not parse: esbuild's
      // module loads and compiles once the page is idle, not under the first message nor beside a
      // derivation (its compiling, on a 2-core machine, left the page's thread waiting for a core
      // up to 230 ms). A reader who only reads loads none of it.
      EditorView.focusChangeEffect.of((_state, focusing) => {
        if (focusing) window.setTimeout(prepareSyntaxChecker, IDLE_MS);
        return null;
      }),
    ],
  });
  await yieldToPage();
  const view = new EditorView({ parent: editorHost, state: initial });

  let timer: number | undefined;
  function schedule(): void {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      void keepInAddress();
      if (inFlight && performance.now() - inFlight.started > ABANDON_MS) {
        // A long derivation of an older text: fresh workers for the newest (what was kept is lost),
        // the generator kept where it is not the one busy (esbuild's first load, say).
        stop(inFlight.deriving === true);
        send();
      } else if (inFlight) pending = true;
      else send();
    }, DEBOUNCE_MS);
  }

  function send(): void {
    pending = false;
    serial += 1;
    const mine = serial;
    const doc = view.state.doc;
    const text = doc.toString();
    const file = fileOf(text);
    const loader = takeLoader();
    const loadTimer = window.setTimeout(() => {
      // As the command line says it of a file that does not finish loading.
      conclude(() => show({ ok: false, problems: [{ message: `${file}: ${loadTimeoutProblem(DEFAULT_LOAD_TIMEOUT_SECONDS)}`, file, field: '' }], milliseconds: DEFAULT_LOAD_TIMEOUT_SECONDS * 1000 }));
    }, DEFAULT_LOAD_TIMEOUT_SECONDS * 1000);
    const started = performance.now();
    inFlight = { serial: mine, doc, started, loader, loadTimer };
    loader.addEventListener('message', (event: MessageEvent<LoadReply>) => {
      if (inFlight?.serial !== mine) return;
      const reply = event.data;
      window.clearTimeout(loadTimer);
      loader.terminate();
      inFlight.loader = undefined;
      if ('problems' in reply) {
        const showProblems = (problems: readonly Problem[]): void => conclude(() => show({ ok: false, problems, milliseconds: performance.now() - started }));
        // A text that does not parse or run (but for an import, which esbuild does not resolve
        // here): where esbuild finds a syntax error, the command line's message (its esbuild's)
        // instead of sucrase's; sucrase's where esbuild cannot be had.
        const message = reply.problems[0]?.message ?? '';
        if (!/: (syntax error|cannot be loaded): /.test(message) || message.includes(': cannot be loaded: Could not resolve')) showProblems(reply.problems);
        else {
          void esbuildProblem(mine, text, file).then(
            (problem) => inFlight?.serial === mine && showProblems(problem ? [problem] : reply.problems),
            () => inFlight?.serial === mine && showProblems(reply.problems),
          );
        }
      }
      else if ('failure' in reply) conclude(() => showFailure(reply.failure));
      else {
        inFlight.deriving = true;
        generator.postMessage({ serial: mine, file: reply.file, exported: reply.exported, lang } satisfies DeriveRequest);
      }
    });
    loader.addEventListener('error', (event) => {
      event.preventDefault();
      if (inFlight?.serial === mine) conclude(() => showFailure(event.message));
    });
    status.textContent = t.deriving;
    document.body.dataset.playground = 'deriving';
    loader.postMessage({ text, fallbackFile: file } satisfies LoadRequest);
  }

  /** Stops the text in flight: its loader, and (`generator`) the generator busy with it. */
  function stop(generatorToo: boolean): void {
    if (inFlight?.loadTimer !== undefined) window.clearTimeout(inFlight.loadTimer);
    inFlight?.loader?.terminate();
    if (generatorToo) {
      generator.terminate();
      startGenerator();
    }
    inFlight = undefined;
  }

  /** The text in flight is done: shows its result if the editor still holds that text (else a
   * newer one is due), then sends the newest waiting. */
  function conclude(showIt: () => void): void {
    const current = inFlight !== undefined && inFlight.doc === view.state.doc && !pending;
    stop(false);
    if (current) showIt();
    // An edit not yet sent is sent by its own timer.
    if (pending) send();
  }

  function showFailure(message: string): void {
    clearResults();
    lastRecord = undefined;
    status.textContent = t.failure;
    problemsList.innerHTML = '';
    problemsList.append(item(message));
    document.body.dataset.playground = 'failed';
  }

  const item = (text: string): HTMLLIElement => {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  };

  function show(derived: Derived): void {
    const seconds = Math.round(derived.milliseconds);
    problemsList.innerHTML = '';
    if (derived.ok) {
      lastFile = derived.file;
      lastRecord = derived.record;
      view.dispatch(setDiagnostics(view.state, []));
      status.textContent = derived.reused ? t.reused(derived.file) : t.derived(derived.file, seconds);
      recordText.textContent = derived.record;
      dim(false);
      void showSections(derived.sections, derived.evaluator);
      return;
    }
    // The last derivation stays, dimmed and inert, until the text derives again: a text passes
    // through errors as it is typed, and emptying the results laid the page out again each time
    // (a layout of 115-180 ms forced by the editor's next measure), then rebuilt them all.
    const stale = markStale();
    lastRecord = undefined;
    status.textContent = `${t.problems(derived.problems.length, seconds)}${stale ? ` ${t.stale}` : ''}`;
    for (const problem of derived.problems) problemsList.append(item(`error: ${problem.message}`));
    view.dispatch(setDiagnostics(view.state, derived.problems.map((p) => diagnosticOf(view.state.doc, p))));
    document.body.dataset.playground = 'problems';
  }

  /** The results shown so far: a result being shown stops when a newer one starts. */
  let showing = 0;
  /** The live pictures' sliders of the result shown (the site's explorer, on the playground's evaluator). */
  let explorer: { stop(): void } | undefined;
  /** The sections shown, each after a marker of its own, with its nodes: a new result replaces
   * only the sections that differ from the ones shown (an edit to a title leaves most formulas). */
  let shownSections: { html: string; marker: Comment; nodes: Element[] }[] = [];
  /** Empties the results, and stops a result being shown (showSections) and the animation of the one shown. */
  function clearResults(): void {
    explorer?.stop();
    explorer = undefined;
    results.replaceChildren();
    dim(false);
    shownSections = [];
    showing += 1;
  }

  /** Keeps the results shown, dimmed and out of reach (inert), their sliders and animation
   * stopped, and a result being shown stops; returns whether there are any. */
  function markStale(): boolean {
    explorer?.stop();
    explorer = undefined;
    showing += 1;
    dim(true);
    return shownSections.length > 0;
  }

  /** The results dimmed and out of reach (a text with errors), or not. */
  function dim(stale: boolean): void {
    results.classList.toggle('pg-stale', stale);
    results.inert = stale;
  }

  /** The sections that changed, as many a task as fit in SLICE_MS (a game's formulas are up to
   * 300 KB of markup: all at once held the page's thread for 50-140 ms); a newer result stops an
   * older one's. Then the sliders, drawing with the evaluator built from `table` (those of a kept
   * section keep their positions). */
  async function showSections(sections: readonly string[], table: EvaluatorTable | undefined): Promise<void> {
    const mine = ++showing;
    explorer?.stop();
    explorer = undefined;
    for (const gone of shownSections.splice(sections.length)) [gone.marker, ...gone.nodes].forEach((node) => node.remove());
    let slice = performance.now();
    for (const [k, html] of sections.entries()) {
      if (shownSections[k]?.html === html) continue;
      if (performance.now() - slice > SLICE_MS) {
        await yieldToPage();
        if (mine !== showing) return;
        slice = performance.now();
      }
      const template = document.createElement('template');
      template.innerHTML = html;
      const nodes = Array.from(template.content.children);
      const before = shownSections[k];
      if (before) {
        before.nodes.forEach((node) => node.remove());
        before.marker.after(template.content);
        shownSections[k] = { html, marker: before.marker, nodes };
      } else {
        const marker = document.createComment('');
        results.append(marker, template.content);
        shownSections[k] = { html, marker, nodes };
      }
      for (const node of nodes) enableCopyButtons(words, node);
    }
    // Every table reachable by keyboard, none measured: the sections are laid out only near the
    // screen (style.css), and measuring laid them all out in one task (40-60 ms of a large game's).
    focusableScrollers(results, { measure: false });
    // The pictures' sliders after the frame that shows the results, in a task of their own.
    await afterNextFrame();
    if (mine !== showing) return;
    if (table) explorer = startExplorer(site, evaluatorOf(table));
    // Derived, unless a newer text went out meanwhile (its own result says so).
    if (inFlight) return;
    document.body.dataset.playground = 'derived';
    // How many results the page has shown: a result equal to the one before is still a new one.
    document.body.dataset.shown = String(Number(document.body.dataset.shown ?? 0) + 1);
  }

  function diagnosticOf(doc: DocText, problem: Problem): Diagnostic {
    const { from, to } = placeOf(doc, problem);
    return { from, to, severity: 'error', message: problem.message, source: problem.field || undefined };
  }

  /** Where a message belongs: its file's line:column, else the field it names, else the game's object. */
  function placeOf(doc: DocText, problem: Problem): { from: number; to: number } {
    const at = /:(\d+):(\d+)$/.exec(problem.file);
    if (at) {
      const line = doc.line(Math.min(Math.max(1, Number(at[1])), doc.lines));
      const from = Math.min(line.from + Number(at[2]) - 1, line.to);
      // One character, or the line's end itself (an empty range would not show).
      return { from, to: Math.min(from + 1, doc.length) };
    }
    const node = fieldNode(problem.field);
    return node ? { from: node.from, to: node.to } : { from: 0, to: Math.min(doc.length, doc.line(1).to) };
  }

  /** The deepest node of the text the field's path reaches (a value written by a piece, r1Penalty(), is as far as it goes). */
  function fieldNode(field: string): SyntaxNode | undefined {
    let node = gameObject();
    if (!node) return undefined;
    const steps = field === '(top level)' ? [] : [...field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => m[1] ?? Number(m[2]));
    for (const step of steps) {
      const next = childOf(node, step);
      if (!next) break;
      node = next;
    }
    return node;
  }

  function gameObject(): SyntaxNode | undefined {
    const cursor = syntaxTree(view.state).cursor();
    do {
      if (cursor.name === 'ExportDeclaration') {
        const found = cursor.node.getChild('CallExpression')?.getChild('ArgList')?.getChild('ObjectExpression') ?? cursor.node.getChild('ObjectExpression');
        return found ?? cursor.node;
      }
    } while (cursor.next());
    return undefined;
  }

  function childOf(at: SyntaxNode, step: string | number): SyntaxNode | undefined {
    // Below a property, its value.
    const node = at.name === 'Property' ? at.lastChild : at;
    if (!node) return undefined;
    if (typeof step === 'number') {
      if (node.name !== 'ArrayExpression') return undefined;
      const items: SyntaxNode[] = [];
      for (let c = node.firstChild; c; c = c.nextSibling) if (!['[', ']', ','].includes(c.name) && !c.type.isSkipped) items.push(c);
      return items[step];
    }
    if (node.name !== 'ObjectExpression') return undefined;
    for (const property of node.getChildren('Property')) {
      const key = property.firstChild;
      if (!key) continue;
      const name = view.state.sliceDoc(key.from, key.to).replace(/^['"]|['"]$/g, '');
      // The whole `key: value`: a message may be about either (an unknown field, a wrong value).
      if (name === step) return property;
    }
    return undefined;
  }

  // --- the address: the game's text, compressed, so that a link restores it ---
  let addressed = 0;
  async function keepInAddress(): Promise<void> {
    const mine = ++addressed;
    const encoded = await encodeGame(view.state.doc.toString());
    // Encodings finish in any order: only the newest text's goes into the address.
    if (mine === addressed) history.replaceState(null, '', `#game=${encoded}`);
  }

  // --- start from an existing game, the template, or a link ---
  start.addEventListener('change', () => {
    const text = start.value === '' ? data.template : data.games.find((g) => g.id === start.value)?.text;
    if (text !== undefined) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  });

  document.getElementById('pg-download')!.addEventListener('click', () => {
    const text = view.state.doc.toString();
    const file = fileOf(text);
    download(new Blob([text], { type: 'text/typescript' }), file.slice(file.lastIndexOf('/') + 1));
  });
  document.getElementById('pg-download-record')!.addEventListener('click', () => {
    if (lastRecord) download(new Blob([lastRecord], { type: 'application/json' }), lastFile.slice(lastFile.lastIndexOf('/') + 1).replace(/\.ts$/, '.json'));
  });
  const linkStatus = document.getElementById('pg-link-status')!;
  document.getElementById('pg-link')!.addEventListener('click', () => {
    void keepInAddress().then(async () => {
      try {
        await navigator.clipboard.writeText(location.href);
        linkStatus.textContent = t.linkCopied;
      } catch {
        linkStatus.textContent = t.linkInAddress;
      }
    });
  });

  const shared = /^#game=(.+)$/.exec(location.hash)?.[1];
  if (shared) {
    void decodeGame(shared).then(
      (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
      () => {
        status.textContent = t.badLink;
        send();
      },
    );
  } else send();
}
