/**
 * The playground: a page where a reader writes a game in the derivation format and the
 * generator, running in the browser (site/playground/), derives it on every change. The page
 * itself is static: the editor's host, the result's places, and the derivations to start from
 * (the template of `npm run new` and every file of derivations/, as the build read them).
 */
import type { Lang } from '../i18n.js';
import { PLAYGROUND_STRINGS, withCode } from '../playground/strings.js';
import type { PlaygroundData } from '../playground/strings.js';
import { EDITOR_SCRIPTS, PLAYGROUND_WORKER_SCRIPT, playgroundScript } from '../playground/bundle.js';
import { escapeHtml, page } from './layout.js';

export const PLAYGROUND_PATH = 'playground.html';

export function playgroundPage(lang: Lang, data: PlaygroundData): string {
  const t = PLAYGROUND_STRINGS[lang];
  const options = [`<option value="">${escapeHtml(t.template)}</option>`, ...data.games.map((g) => `<option value="${escapeHtml(g.id)}">${escapeHtml(g.title)}</option>`)];
  const body = `<article class="playground">
<header class="page-head">
<h1>${escapeHtml(t.title)}</h1>
<p class="lede">${withCode(t.intro)}</p>
</header>
<div class="pg-bar">
<label for="pg-start">${escapeHtml(t.startFrom)}</label> <select id="pg-start">${options.join('')}</select>
<button type="button" id="pg-download">${escapeHtml(t.download)}</button>
<button type="button" id="pg-download-record">${escapeHtml(t.downloadRecord)}</button>
<button type="button" id="pg-link">${escapeHtml(t.link)}</button>
<span id="pg-link-status" role="status"></span>
</div>
<div id="editor" class="pg-editor"></div>
<p id="pg-status" role="status" aria-live="polite"></p>
<ul id="pg-problems" class="pg-problems"></ul>
<p class="note">${withCode(t.saveNote)}</p>
<section id="derivation" aria-labelledby="pg-results-h">
<h2 id="pg-results-h">${escapeHtml(t.resultsHeading)}</h2>
<div id="pg-results" class="game"></div>
</section>
<details class="pg-record"><summary>${withCode(t.recordHeading)}</summary><pre id="pg-record" tabindex="0"></pre></details>
</article>
<script type="application/json" id="playground-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>
<noscript><p>${escapeHtml(t.noScript)}</p></noscript>`;
  return page({ lang, path: PLAYGROUND_PATH, title: t.title, description: t.description, body, current: 'playground', scripts: [PLAYGROUND_WORKER_SCRIPT, ...EDITOR_SCRIPTS, playgroundScript(lang)] });
}
