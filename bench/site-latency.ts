/**
 * `npm run bench:latency`: how long the live exploration of every game page takes per
 * slider input, in headless Chromium at its normal speed and under a 4x CPU slowdown (the
 * DevTools protocol's Emulation.setCPUThrottlingRate, as a slower phone would run it). The
 * site is built afresh in the temp folder and served on the loopback; on each game page every
 * slider is moved INPUTS times across its range, and each input is timed from its event to
 * the redrawn picture's layout (the handler redraws synchronously: site/client/explore.ts),
 * REPEATS times from the same state (the slider set back to its previous value in between,
 * untimed), the median kept: on a shared machine one run in a few is lengthened by others.
 * Printed per game: the median and 95th percentile over all its inputs, and the goal of
 * issue 13 (16 ms at the 95th percentile under the slowdown) met or not.
 *
 * Beside the clock, the CPU: at normal speed the moves run under Chromium's trace, and each
 * input's main-thread CPU is read from it (the thread durations of its input event and of the
 * style and layout that the redrawn picture's layout forces), the median of each move's three
 * kept as above. The emulated slowdown suspends the page's thread by the clock, so another
 * process on a shared machine stretches it (its measured ratio to the normal speed strays from
 * 4); four times the CPU is what a CPU four times slower would spend, whatever else runs. Both
 * goals are printed: the emulation's, as the issue words it, and the CPU's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../site/build.js';
import { startServer } from '../site/serve.js';
import { noArguments } from './no-arguments.js';
import { launchChromium, open } from '../test/support/browser.js';

const INPUTS = 12;
/** Each input timed this many times from the same state (the median kept). */
const REPEATS = 3;
const SLOWDOWN = 4;
const GOAL_MS = 16;

const USAGE = `usage: npm run bench:latency

Builds the site in the temp folder and times every slider of every game page in headless
Chromium, at normal speed and under a ${SLOWDOWN}x CPU slowdown (about a minute and a half).
  -h, --help       this text`;
noArguments(USAGE);

const temp = mkdtempSync(path.join(tmpdir(), 'dirac-gan-latency-'));
try {
  const build = await buildSite({ outDir: path.join(temp, 'site'), cacheDir: false, quiet: true });
  const server = await startServer({ root: build.outDir, host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const games = build.pages.filter((p) => /^en\/games\/[^/]+\.html$/.test(p) && !p.endsWith('-training.html')).map((p) => path.basename(p, '.html')).sort();
    /** Each game's timings, and the trace of its normal-speed pass: read once every game is timed,
     * as parsing megabytes of JSON in this process, and collecting its garbage, would take the
     * machine's CPU from a page being timed. */
    const measured: { id: string; timings: Record<string, { times: number[]; names: string[] }>; trace: Buffer }[] = [];
    for (const id of games) {
      await open(page, `${server.url}en/games/${id}.html`);
      await page.locator('#controls').waitFor({ state: 'visible' });
      const cdp = await page.context().newCDPSession(page);
      const timings: Record<string, { times: number[]; names: string[] }> = {};
      let trace: Buffer | undefined;
      for (const rate of [1, SLOWDOWN]) {
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        if (rate === 1) await browser.startTracing(page, { categories: ['devtools.timeline'] });
        timings[rate] = await page.evaluate(([inputs, repeats]) => {
          const times: number[] = [];
          const names: string[] = [];
          const picture = document.getElementById('fig-field-simultaneous') as unknown as SVGGraphicsElement;
          // Not a named function: tsx would wrap it in a helper the page does not have.
          const timed = { move(slider: HTMLInputElement, value: string): number {
            const t0 = performance.now();
            slider.value = value;
            slider.dispatchEvent(new Event('input', { bubbles: true }));
            picture.getBBox();
            return performance.now() - t0;
          } };
          for (const slider of Array.from(document.querySelectorAll<HTMLInputElement>('#controls input[type=range]'))) {
            const [low, high, start] = [Number(slider.min), Number(slider.max), slider.value];
            let before = start;
            for (let i = 0; i < inputs; i++) {
              const value = String(low + ((high - low) * (i + 0.5)) / inputs);
              // The same move, from the same state, timed `repeats` times: the median is what the
              // move costs, not what another process on the machine took from it meanwhile.
              const repeated: number[] = [];
              for (let r = 0; r < repeats; r++) {
                if (r > 0) timed.move(slider, before);
                repeated.push(timed.move(slider, value));
              }
              times.push(repeated.sort((a, b) => a - b)[Math.floor(repeats / 2)]!);
              names.push(slider.id);
              before = value;
            }
            timed.move(slider, start);
          }
          return { times, names };
        }, [INPUTS, REPEATS] as const);
        if (rate === 1) trace = await browser.stopTracing();
      }
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.detach();
      measured.push({ id, timings, trace: trace! });
    }
    const rows: string[] = [];
    let met = 0;
    let cpuMet = 0;
    for (const { id, timings, trace } of measured) {
      const stats = (times: number[]): { median: number; p95: number } => {
        const sorted = [...times].sort((a, b) => a - b);
        return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]! };
      };
      const cpuPerMove = movesCpu(trace, timings[1]!.names);
      const [normal, slow, cpu] = [stats(timings[1]!.times), stats(timings[SLOWDOWN]!.times), stats(cpuPerMove)];
      // The slider whose inputs took longest under the slowdown, by its median.
      const { times, names } = timings[SLOWDOWN]!;
      const bySlider = [...new Set(names)].map((name) => ({ name, median: stats(times.filter((_, i) => names[i] === name)).median }));
      const slowest = bySlider.reduce((a, b) => (b.median > a.median ? b : a));
      const ok = slow.p95 <= GOAL_MS;
      if (ok) met++;
      const cpuOk = SLOWDOWN * cpu.p95 <= GOAL_MS;
      if (cpuOk) cpuMet++;
      // The emulated slowdown over the normal speed, as measured: 4 where the emulation holds.
      const ratio = slow.median / normal.median;
      rows.push(`| ${id} | ${times.length} | ${normal.median.toFixed(1)} | ${normal.p95.toFixed(1)} | ${(SLOWDOWN * normal.p95).toFixed(1)} | ${slow.median.toFixed(1)} | ${slow.p95.toFixed(1)} | ${ratio.toFixed(1)} | ${slowest.name.replace(/^c-/, '')} (${slowest.median.toFixed(1)}) | ${ok ? 'met' : 'not met'} | ${cpu.median.toFixed(2)} | ${cpu.p95.toFixed(2)} | ${(SLOWDOWN * cpu.p95).toFixed(1)} | ${cpuOk ? 'met' : 'not met'} |`);
    }
    console.log(`# Live exploration: milliseconds per slider input (${INPUTS} inputs per slider, every slider of each game page)\n`);
    console.log(`| game | inputs | median | p95 | ${SLOWDOWN} x p95 | median at ${SLOWDOWN}x slowdown | p95 at ${SLOWDOWN}x slowdown | slowdown measured (medians) | slowest slider at ${SLOWDOWN}x (its median) | goal: p95 <= ${GOAL_MS} ms at ${SLOWDOWN}x | CPU median | CPU p95 | ${SLOWDOWN} x CPU p95 | goal: ${SLOWDOWN} x CPU p95 <= ${GOAL_MS} ms |`);
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---|');
    console.log(rows.join('\n'));
    console.log(`\n${met} of ${games.length} games meet the goal under the emulated slowdown, ${cpuMet} of ${games.length} by ${SLOWDOWN} times their CPU. Timed from the input event to the redrawn picture's layout (getBBox), in the page's clock, the median of ${REPEATS} runs of each move from the same state (another process on the machine lengthens one run, not three). "${SLOWDOWN} x p95": the normal speed's 95th percentile times ${SLOWDOWN}, what a CPU ${SLOWDOWN} times slower would take; the emulated slowdown suspends the page's thread by the clock, and on a busy machine its measured ratio strays from ${SLOWDOWN} (the column before the slowest slider), the goal is judged on the emulation's own figure. "CPU": each input's main-thread CPU at normal speed, from Chromium's trace (its input event, and the style and layout the picture's layout forced), the median of the move's ${REPEATS} runs.`);
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}

/** Each timed move's main-thread CPU (ms) from a trace of the normal-speed pass: the thread
 * duration of its input event plus those of the style and layout events after it (the layout
 * getBBox forced), the median of its REPEATS runs. The pass sends, per move, the timed input,
 * then (REPEATS - 1 times) an untimed one back to the move's start and the timed one again, and
 * after each slider one more untimed input, back to its start: `names` has a name per move. */
function movesCpu(trace: Buffer, names: readonly string[]): number[] {
  interface TraceEvent { readonly name: string; readonly ph: string; readonly ts: number; readonly dur?: number; readonly tdur?: number; readonly tid: number; readonly args?: { data?: { type?: string } } }
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents
    .filter((e) => e.ph === 'X' && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const isInput = (e: TraceEvent): boolean => e.name === 'EventDispatch' && e.args?.data?.type === 'input';
  const main = events.find(isInput)?.tid;
  const inputs: { cpu: number; end: number }[] = [];
  for (const e of events) {
    if (e.tid !== main) continue;
    if (isInput(e)) inputs.push({ cpu: e.tdur! / 1000, end: e.ts + e.dur! });
    else if ((e.name === 'UpdateLayoutTree' || e.name === 'Layout') && inputs.length > 0 && e.ts >= inputs[inputs.length - 1]!.end) inputs[inputs.length - 1]!.cpu += e.tdur! / 1000;
  }
  const perMove = 2 * REPEATS - 1;
  const moves: number[] = [];
  let k = 0;
  names.forEach((name, i) => {
    const runs = Array.from({ length: REPEATS }, (_, r) => inputs[k + 2 * r]?.cpu ?? Number.NaN).sort((a, b) => a - b);
    moves.push(runs[Math.floor(REPEATS / 2)]!);
    k += perMove;
    // The slider's last move: the input back to its start follows.
    if (names[i + 1] !== name) k += 1;
  });
  if (k !== inputs.length) throw new Error(`the trace holds ${inputs.length} input events where the moves sent ${k}`);
  return moves;
}
