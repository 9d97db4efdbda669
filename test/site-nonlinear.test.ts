/**
 * The site's section "Beyond the linearisation" and the sentences it replaced, on pages built
 * as strings (no browser): every game page shows one verdict per equilibrium of its record;
 * no page repeats the old claims the nonlinear analysis contradicts; the Chinese section is
 * Chinese outside its formulas and never shows the record's English reason; the escaping or
 * sliding kind the site reads off the generated field agrees with the record's normal
 * components, evaluated independently; the article's fixed prose agrees with the records.
 */
import { describe, expect, it } from 'vitest';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { METHODS, METHOD_LABELS } from '../generator/contract/records.js';
import { loadGames } from '../site/data/games.js';
import type { Game } from '../site/data/game.js';
import { decisive, equilibriaOf, flowAtOrigin, segmentKind } from '../site/data/nonlinear.js';
import { LANGS, STRINGS } from '../site/i18n.js';
import type { Lang } from '../site/i18n.js';
import { NONLINEAR } from '../site/i18n-nonlinear.js';
import { articlePage } from '../site/pages/article.js';
import { gamePage } from '../site/pages/game.js';
import { indexPage } from '../site/pages/index.js';
import { nonlinearSection } from '../site/pages/nonlinear.js';
import { driftParagraph, hasTrainingPage, trainingPage } from '../site/pages/training.js';
import { escapeHtml } from '../site/pages/layout.js';
import { elsewhereSection, rulesSection, rulesTable, simulationsSection } from '../site/pages/rules.js';
import { methodsRecord } from '../site/data/methods.js';
import { num } from '../site/i18n.js';
import { withoutFormulas } from './support/html.js';

const games = loadGames();
const byId = (id: string): Game => {
  const game = games.find((g) => g.id === id);
  if (!game) throw new Error(`no game '${id}' in generated/`);
  return game;
};

/** The claims the linearisation alone made, which the flow's analysis contradicts for some games. */
const OLD_SENTENCES = [
  'does not converge: purely imaginary',
  'the flow circles the equilibrium and does not converge',
  'the flow circles for every value',
  'gradient steps circle instead of settling',
  'the simulations show the iterates do not converge',
  '不收敛：特征值为纯虚数',
  '连续流都绕圈',
  '梯度更新只会绕圈',
];

const text = (html: string): string => withoutFormulas(html).replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ');

describe('the nonlinear analysis on the pages', () => {
  const pages = new Map<string, string>();
  const pageOf = (game: Game, lang: Lang): string => {
    const key = `${lang} ${game.id}`;
    if (!pages.has(key)) pages.set(key, gamePage(game, lang));
    return pages.get(key)!;
  };

  it('every game page has the section, one block per equilibrium of the record, with its verdicts, and the flow at (0, 0) in the facts', () => {
    let meansShown = 0;
    for (const game of games) {
      const equilibria = equilibriaOf(game);
      expect(equilibria.length, game.id).toBeGreaterThan(0);
      for (const lang of LANGS) {
        const html = pageOf(game, lang);
        expect(html, `${lang} ${game.id}`).toContain('<section id="nonlinear"');
        const section = html.slice(html.indexOf('<section id="nonlinear"'), html.indexOf('<section id="explore"'));
        expect(section.match(/<section class="equilibrium"/g)?.length, `${lang} ${game.id}`).toBe(equilibria.length);
        const shown = new Set([...section.matchAll(/data-verdict="([a-z-]+)"/g)].map((m) => m[1]));
        for (const q of equilibria) expect(shown.has(decisive(q).verdict), `${lang} ${game.id}: ${decisive(q).verdict}`).toBe(true);
        const flow = flowAtOrigin(game);
        if (flow) expect(html, `${lang} ${game.id}`).toContain(NONLINEAR[lang].verdict[flow.verdict]);
        // A set of f^(k)'s zeros under instance noise is written as its mean over the noise.
        const means = equilibria.filter((q) => q.generic?.where.kind === 'conditional' && q.generic.where.meanOver);
        meansShown += means.length;
        if (means.length > 0) expect(section, `${lang} ${game.id}`).toContain('\\mathbb{E}_{\\varepsilon}\\left[f');
      }
    }
    expect(meansShown).toBeGreaterThan(0);
  });

  it('names each training method of a game page\'s table in the page\'s language, whether the record has an entry for it or not (games without a Jacobian at (0, 0))', () => {
    const withoutEntries = games.filter((g) => !g.differentiable);
    expect(withoutEntries.length).toBeGreaterThan(0);
    for (const game of games) {
      for (const lang of LANGS) {
        const rowHeads = [...pageOf(game, lang).matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]!);
        for (const method of METHODS) expect(rowHeads, `${lang} ${game.id}`).not.toContain(method);
        for (const method of METHODS) expect(rowHeads, `${lang} ${game.id}`).toContain(escapeHtml(METHOD_LABELS[method][lang]));
      }
    }
  });

  it('no page says what only the linearisation said, and the games that converge slowly or circle say so', () => {
    const all = [...LANGS.flatMap((lang) => [indexPage(games, lang), articlePage(games, lang)]), ...games.flatMap((g) => LANGS.map((lang) => pageOf(g, lang)))];
    for (const html of all) for (const old of OLD_SENTENCES) expect(html.includes(old), old).toBe(false);
    const weak = games.filter((g) => flowAtOrigin(g)?.verdict === 'weakly-attracting');
    expect(weak.map((g) => g.id)).toEqual(expect.arrayContaining(['ns-gan', 'wgan-div']));
    for (const game of weak) {
      const en = text(pageOf(game, 'en'));
      expect(en, game.id).not.toMatch(/does not converge|\bcircles\b/);
      expect(en, game.id).toContain('so trajectories converge, algebraically');
    }
    for (const game of games.filter((g) => flowAtOrigin(g)?.verdict === 'exact-centre')) {
      expect(text(pageOf(game, 'en')).replace(/\s+/g, ' '), game.id).toMatch(/the linearisation does not decide\. The flow conserves.*so every orbit near.*is closed/);
    }
    for (const lang of LANGS) {
      const index = indexPage(games, lang);
      for (const game of games) {
        const flow = flowAtOrigin(game);
        if (flow) expect(index, `${lang} index: ${game.id}`).toContain(NONLINEAR[lang].verdict[flow.verdict]);
      }
    }
  });

  it('the Chinese section has no Latin prose outside its formulas, and never the record’s English reason', () => {
    const names = new Set(['Lyapunov', 'LaSalle', 'Filippov', 'Poincaré']);
    for (const game of games) {
      const zh = nonlinearSection(game, 'zh');
      const words = text(zh).match(/[A-Za-zé]{2,}/g) ?? [];
      // The game's own name (in the pictures' titles) is a name too.
      const title = new Set(game.record.title.zh.match(/[A-Za-zé]{2,}/g) ?? []);
      expect(words.filter((w) => !names.has(w) && !title.has(w)), game.id).toEqual([]);
      for (const stage of game.record.nonlinear.stages) for (const e of stage.equilibria) expect(zh.includes(e.reason.slice(0, 40)), game.id).toBe(false);
    }
  });
});

describe('the site against the records', () => {
  it('the kind of each segment of a switching line, read off the generated field, agrees with the record’s normal components', () => {
    let checked = 0;
    for (const game of games) {
      const concrete = game.record.nonlinear.stages.find((s) => s.stage === 'concrete');
      for (const e of concrete?.equilibria ?? []) {
        const kind = segmentKind(game, e);
        if (!kind) continue;
        const mid = (e.numbers.segmentEnd1! + e.numbers.segmentEnd2!) / 2;
        const at = (key: string): number => evaluate(fromNerdamer(e.formulas[key]!.text), { symbols: { ...game.defaults, theta: mid, phi: 0 } });
        const plus = at('normalPlus');
        const minus = at('normalMinus');
        expect(kind, game.id).toBe(plus > 0 && minus < 0 ? 'escaping' : plus < 0 && minus > 0 ? 'sliding' : 'crossing');
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it('the article’s prose states what the records find', () => {
    const generic = (id: string) => equilibriaOf(byId(id)).find((q) => q.generic && q.where.kind === 'point')?.generic;
    // 2.1 and 2.2: the flow of the unregularised game conserves θ² + φ² for any f.
    expect(generic('gan')?.verdict).toBe('exact-centre');
    expect(generic('gan')?.formulas.conservedQuantity?.text).toBe('phi^2+theta^2');
    // 2.2: the non-saturating game converges slowly, decided by f''(0).
    expect(flowAtOrigin(byId('ns-gan'))?.verdict).toBe('weakly-attracting');
    expect(generic('ns-gan')?.formulas.lambda1?.text).toBe('d2f(0)/2');
    // 3: at the defaults an attracting periodic orbit surrounds WGAN-GP's segment of equilibria.
    const gp = flowAtOrigin(byId('wgan-gp'));
    expect(gp?.verdict).toBe('filippov-equilibria');
    expect(gp?.numbers.orbitMultiplier).toBeLessThan(1);
    expect(segmentKind(byId('wgan-gp'), gp!)).toBe('escaping');
  });
});

describe('the training methods of methods/ on the training pages', () => {
  it('each page lists every method of its record in both variants, with the bound the record states, in both languages', () => {
    let rows = 0;
    for (const game of loadGames().filter((g) => hasTrainingPage(g) && g.record.rules.length > 0)) {
      for (const lang of LANGS) {
        const section = rulesTable(game, lang);
        for (const method of methodsRecord().methods.filter((m) => game.record.rules.some((r) => r.method === m.id))) {
          const row = new RegExp(`<tr><th scope="row">${method.title[lang].replace(/[()]/g, '\\$&')}</th>(.*?)</tr>`).exec(section)?.[1];
          expect(row, `${game.id} ${lang} ${method.id}`).toBeDefined();
          const cells = row!.split('</td>').slice(1, 3);
          for (const [i, variant] of (['simultaneous', 'alternating'] as const).entries()) {
            const rule = game.record.rules.find((r) => r.method === method.id && r.variant === variant)!;
            if (rule.bound !== undefined) expect(cells[i], `${game.id} ${lang} ${method.id} ${variant}`).toContain(`h &lt; ${num(rule.bound)}`);
            else expect(cells[i], `${game.id} ${lang} ${method.id} ${variant}`).not.toContain('h &lt;');
          }
          rows++;
        }
      }
    }
    expect(rows).toBeGreaterThan(200);
  });

  it('label the methods without a linearisation as simulated and state each row’s end states as the record has them, where the game has no training page too, in both languages', () => {
    let rows = 0;
    for (const game of loadGames().filter((g) => g.record.simulations.length > 0)) {
      for (const lang of LANGS) {
        const section = simulationsSection(game, lang);
        expect(section, `${game.id} ${lang}`).toContain('id="rules-simulated"');
        for (const simulation of game.record.simulations) {
          if (!('rows' in simulation)) {
            expect(section, `${game.id} ${lang}`).toContain(escapeHtml(simulation.notSimulated[lang]));
            continue;
          }
          for (const row of simulation.rows) {
            expect(section, `${game.id} ${lang} ${simulation.method} ${simulation.variant} h = ${row.h}`).toContain(`<td>${num(row.h)}</td>`);
            expect(section).toContain(`<td>${row.converged} / ${row.moving} / ${row.diverged}</td>`);
            rows++;
          }
        }
      }
    }
    expect(rows).toBeGreaterThan(300);
    // WGAN-GP has no training page (no Jacobian at (0, 0)): its simulations are on the game page.
    const gp = loadGames().find((g) => g.id === 'wgan-gp')!;
    expect(hasTrainingPage(gp)).toBe(false);
    expect(gamePage(gp, 'zh')).toContain('模拟而非推导');
    // Its field has a kink at the equilibrium: every method is simulated there, for that one reason, said once.
    for (const lang of LANGS) {
      const section = simulationsSection(gp, lang);
      expect(section.split(escapeHtml(STRINGS[lang].simulatedKink)).length, lang).toBe(2);
      expect(section, lang).toContain(escapeHtml(STRINGS[lang].simulatedTitle(methodsRecord().methods.find((m) => m.id === 'gradient')!.title[lang])));
    }
    expect(trainingPage(loadGames().find((g) => g.id === 'gan-r1')!, 'en')).toContain('id="rules-simulated"');
  });

  it('state the record’s cubic drift coefficient beside the run that shows it, where alternating steps cycle, in both languages', () => {
    for (const id of ['ns-gan', 'gan', 'wgan']) {
      const game = loadGames().find((g) => g.id === id)!;
      const sample = game.record.drift!.samples.find((s) => s.h === 0.2)!;
      const order = game.record.drift!.order;
      // The cubic d, or where it vanishes the first higher order's d_n.
      const d = order === 3 ? sample.coefficient! : sample.higher!;
      for (const lang of LANGS) {
        const paragraph = driftParagraph(game, 'alternating', lang);
        const sign = game.record.drift!.verdict === 'stays' ? 'linear' : d < 0 ? 'negative' : d > 0 ? 'positive' : 'zero';
        // Where higher terms decide, the steps from |z| = 0.1 until |z|^(2m) doubles (|z|^(-2m) falls by 2m d a step).
        const steps = order === 3 ? '' : num(0.1 ** (1 - order) / ((order - 1) * Math.abs(d)) * (d > 0 ? 0.5 : 1), 2);
        expect(paragraph, `${id} ${lang}`).toContain(escapeHtml(STRINGS[lang].driftDerived(sign, num(0.2), num(d, 6), num(1 / ((order - 1) * Math.abs(d)), 6), order, steps)));
      }
      expect(sample.coefficient === 0, id).toBe(id !== 'ns-gan');
      // And the page has it.
      if (id === 'ns-gan') expect(trainingPage(game, 'en')).toContain(driftParagraph(game, 'alternating', 'en'));
      expect([game.record.drift!.verdict, order], id).toEqual({ 'ns-gan': ['drifts-in', 3], gan: ['mixed', 9], wgan: ['stays', 3] }[id]);
    }
  });

  it('map the methods the records keep no plane of (lookahead, CGD) from the compiled methods, saying so', () => {
    const game = loadGames().find((g) => g.id === 'gan-r1')!;
    const section = rulesSection(game, 'en');
    for (const id of ['fig-rule-lookahead-simultaneous', 'fig-rule-cgd-alternating']) {
      const map = new RegExp(`<svg[^>]*id="${id}"[\\s\\S]*?</svg>`).exec(section)?.[0] ?? '';
      expect(map, id).toMatch(/rho-/);
    }
    expect(section).toContain('from the spectral radius of its closed-form Jacobian M(J) in generated/methods.ts');
    // Where f is abstract the page has J only for its sample activation, not the record's f'(0) = 1: no such map.
    expect(rulesSection(loadGames().find((g) => g.id === 'abstract-f')!, 'en')).not.toMatch(/fig-rule-(lookahead|cgd)-/);
  });

  it('state the methods at the other equilibria: gan-consensus’s saddles, and LSGAN’s line with the bounds a scalar step has across it', () => {
    const games = loadGames();
    const consensus = elsewhereSection(games.find((g) => g.id === 'gan-consensus')!, 'en');
    // Two saddles, eight methods, two variants: the flow leaves a saddle, and so does every method
    // for small steps; competitive gradient descent's map contracts there for h above about 3 (the
    // Schur conditions of its characteristic polynomial), on no interval from 0.
    expect(consensus.match(/badge[^>]*>no convergence/g)?.length).toBe(28);
    expect(consensus.match(/badge[^>]*>converges for some h<\/span> <span class="bound">3\.\d+ &lt; h &lt; 1e3/g)?.length).toBe(4);
    // Across LSGAN's line J = [[0, 1], [0, -theta^2]]: gradient steps multiply the distance by
    // 1 - h theta^2 (bound 2 / theta^2), heavy-ball's by the roots of mu^2 - (1 + beta - h theta^2) mu + beta
    // (bound 2 (1 + beta) / theta^2, beta = -0.5).
    const section = elsewhereSection(games.find((g) => g.id === 'lsgan')!, 'en');
    const row = (name: string): string[] => [...(new RegExp(`<th scope="row">${name.replace(/[()]/g, '\\$&')}</th>(.*?)</tr>`).exec(section)?.[1] ?? '').matchAll(/h &lt; ([\d.]+)/g)].map((m) => m[1]!);
    expect(row('Gradient descent (simultaneous)')).toEqual([0.5, 1, 2].map((theta) => num(2 / theta ** 2)));
    expect(row('Heavy-ball momentum (simultaneous)')).toEqual([0.5, 1, 2].map((theta) => num((2 * (1 - 0.5)) / theta ** 2)));
    expect(elsewhereSection(games.find((g) => g.id === 'lsgan')!, 'zh')).toContain('沿直线');
  });

  it('draw LSGAN’s gradient maps on the unit circle, never diverging: its eigenvalues 1 are set apart from the Schur test', () => {
    // J(0, 0) is nilpotent: gradient steps have p = (mu - 1)^2 at every pair of rates.
    const lsgan = loadGames().find((g) => g.id === 'lsgan')!;
    const section = rulesSection(lsgan, 'en');
    for (const variant of ['simultaneous', 'alternating']) {
      const map = new RegExp(`<svg[^>]*id="fig-rule-gradient-${variant}"[\\s\\S]*?</svg>`).exec(section)?.[0] ?? '';
      expect(map, variant).toMatch(/rho-cycles/);
      expect(map, variant).not.toMatch(/rho-unstable/);
    }
  });
});

describe('the basins of the linearised methods', () => {
  it('draw each basin the record has, once per method and variant, one square a start coloured as its end, each picture with an id of its own', () => {
    let drawn = 0;
    for (const game of games) {
      const rules = game.record.rules.filter((r) => r.basin);
      if (!rules.length) continue;
      // The pictures do not depend on the language but for their words (checked with the rest of the page's words).
      for (const lang of ['en'] as const) {
        const section = rulesSection(game, lang);
        const ids = [...section.matchAll(/<svg id="([^"]+)"/g)].map((m) => m[1]!);
        expect(ids.length, `${game.id}: pictures with ids of their own`).toBe(new Set(ids).size);
        for (const rule of rules) {
          const id = `fig-basin-${rule.method}-${rule.variant}`;
          const start = section.indexOf(`id="${id}"`);
          expect(start, `${game.id} ${lang}: ${id}`).toBeGreaterThan(0);
          const svg = section.slice(start, section.indexOf('</svg>', start));
          // Its legend says what converged means for a linearised method's runs.
          if (rule.basin!.ends.includes('r')) expect(svg, `${game.id} ${id}: legend`).toContain(escapeHtml(STRINGS[lang].ruleOutcome.converged));
          // Each outcome's squares are one path of 'h' moves: as many as the record's letters of that end.
          for (const [letter, outcome] of [['r', 'converged'], ['m', 'running'], ['d', 'diverged']] as const) {
            const path = new RegExp(`class="basin-${outcome}" d="([^"]*)"`).exec(svg)?.[1] ?? '';
            expect((path.match(/M/g) ?? []).length, `${game.id} ${id} ${outcome}`).toBe([...rule.basin!.ends].filter((e) => e === letter).length);
          }
        }
        drawn += rules.length;
      }
    }
    expect(drawn).toBeGreaterThan(150);
  });
});
