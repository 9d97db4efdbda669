/**
 * The playground's page script: an editor (CodeMirror 6) holding a derivation file, derived on
 * each change by the worker (worker.ts, started from the text the build gives this script) and
 * shown as the site shows a game; the command line's messages placed on the text they concern;
 * the game kept in the address (#game=...), so that a link carries it.
 */
import { EditorState, Prec } from '@codemirror/state';
import type { Text as DocText } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { defaultKeymap, history as editHistory, historyKeymap } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import type { Diagnostic } from '@codemirror/lint';
import { enableCopyButtons } from '../client/copy.js';
import { download } from '../client/download.js';
import { focusableScrollers } from '../client/scrollers.js';
import type { Lang } from '../i18n.js';
import type { Derived, Problem } from './derive.js';
import type { DeriveRequest, WorkerReply } from './protocol.js';
import { PLAYGROUND_STRINGS } from './strings.js';
import type { PlaygroundData } from './strings.js';
import { decodeGame, encodeGame } from './share.js';
import { expressionHighlighting } from './highlight.js';

/** A node of the editor's syntax tree (@lezer/common's, as @codemirror/language hands it out). */
type SyntaxNode = ReturnType<typeof syntaxTree>['topNode'];

/** How long the editor waits after a keystroke before deriving. */
const DEBOUNCE_MS = 250;
/** A text's load may take this long (the command line's --load-timeout default) before the worker is stopped. */
const LOAD_TIMEOUT_MS = 10_000;
/** A derivation still running this long when a newer text waits is abandoned (its worker stopped) for the newer one. */
const ABANDON_MS = 3_000;
/** The file a message names before the text declares an id. */
const UNNAMED = 'derivations/playground.ts';

export function startPlayground(lang: Lang, words: { copied: string; failed: string }, workerCode: string): void {
  const t = PLAYGROUND_STRINGS[lang];
  const data = JSON.parse(document.getElementById('playground-data')!.textContent!) as PlaygroundData;
  const editorHost = document.getElementById('editor')!;
  const status = document.getElementById('pg-status')!;
  const problemsList = document.getElementById('pg-problems')!;
  const results = document.getElementById('pg-results')!;
  const recordText = document.getElementById('pg-record')!;
  const start = document.getElementById('pg-start') as HTMLSelectElement;
  let lastFile = UNNAMED;
  let lastRecord: string | undefined;

  const view = new EditorView({
    parent: editorHost,
    state: EditorState.create({
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
          if (update.docChanged) schedule();
        }),
      ],
    }),
  });

  // --- the worker: one derivation at a time, the newest text next ---
  let worker: Worker;
  let serial = 0;
  let inFlight: { serial: number; loadTimer: number; started: number } | undefined;
  let pending = false;
  const workerUrl = URL.createObjectURL(new Blob([workerCode], { type: 'text/javascript' }));
  const startWorker = (): void => {
    worker = new Worker(workerUrl);
    worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => onReply(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      finish();
      showFailure(event.message);
    });
  };
  startWorker();

  let timer: number | undefined;
  function schedule(): void {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      void keepInAddress();
      if (inFlight && performance.now() - inFlight.started > ABANDON_MS) {
        // A long derivation of an older text: a fresh worker for the newest (what it kept is lost).
        restartWorker();
        send();
      } else if (inFlight) pending = true;
      else send();
    }, DEBOUNCE_MS);
  }

  function send(): void {
    pending = false;
    serial += 1;
    const request: DeriveRequest = { serial, text: view.state.doc.toString(), fallbackFile: lastFile, lang };
    const loadTimer = window.setTimeout(() => {
      // As the command line says it of a file that does not finish loading; a fresh worker for the next text.
      restartWorker();
      show({ ok: false, problems: [{ message: `${lastFile}: did not finish loading within ${LOAD_TIMEOUT_MS / 1000} s (an endless loop at import?); the limit is --load-timeout`, file: lastFile, field: '' }], milliseconds: LOAD_TIMEOUT_MS });
      if (pending) send();
    }, LOAD_TIMEOUT_MS);
    inFlight = { serial, loadTimer, started: performance.now() };
    status.textContent = t.deriving;
    document.body.dataset.playground = 'deriving';
    worker.postMessage(request);
  }

  function restartWorker(): void {
    worker.terminate();
    startWorker();
    if (inFlight) window.clearTimeout(inFlight.loadTimer);
    inFlight = undefined;
  }

  function finish(): void {
    if (inFlight) window.clearTimeout(inFlight.loadTimer);
    inFlight = undefined;
    if (pending) send();
  }

  function onReply(reply: WorkerReply): void {
    if ('ready' in reply || reply.serial !== inFlight?.serial) return;
    if ('loaded' in reply) {
      window.clearTimeout(inFlight.loadTimer);
      return;
    }
    const newest = !pending;
    finish();
    // A reply to a text edited since is dropped: the newer one is on its way.
    if (!newest) return;
    if ('failure' in reply) showFailure(reply.failure);
    else show(reply.derived);
  }

  function showFailure(message: string): void {
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
      status.textContent = t.derived(derived.file, seconds);
      recordText.textContent = derived.record;
      void showSections(derived.sections);
      return;
    }
    showing += 1;
    status.textContent = t.problems(derived.problems.length, seconds);
    for (const problem of derived.problems) problemsList.append(item(`error: ${problem.message}`));
    view.dispatch(setDiagnostics(view.state, derived.problems.map((p) => diagnosticOf(view.state.doc, p))));
    document.body.dataset.playground = 'problems';
  }

  /** The sections one a task (a game's formulas are up to 300 KB of markup: all at once held
   * the page's thread for 50-140 ms); a newer result stops an older one's. */
  let showing = 0;
  async function showSections(sections: readonly string[]): Promise<void> {
    const mine = ++showing;
    results.replaceChildren();
    for (const html of sections) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (mine !== showing) return;
      const template = document.createElement('template');
      template.innerHTML = html;
      const nodes = Array.from(template.content.children);
      results.append(template.content);
      for (const node of nodes) enableCopyButtons(words, node);
    }
    focusableScrollers(results);
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
      return { from, to: Math.max(from + 1, Math.min(line.to, from + 1)) };
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
      for (let c = node.firstChild; c; c = c.nextSibling) if (!['[', ']', ','].includes(c.name)) items.push(c);
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
  async function keepInAddress(): Promise<void> {
    const encoded = await encodeGame(view.state.doc.toString());
    history.replaceState(null, '', `#game=${encoded}`);
  }

  // --- start from an existing game, the template, or a link ---
  start.addEventListener('change', () => {
    const text = start.value === '' ? data.template : data.games.find((g) => g.id === start.value)?.text;
    if (text !== undefined) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  });

  document.getElementById('pg-download')!.addEventListener('click', () => {
    download(new Blob([view.state.doc.toString()], { type: 'text/typescript' }), lastFile.slice(lastFile.lastIndexOf('/') + 1));
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
