/** The playground page's words, in both languages, and the data its page carries. */
import type { Lang } from '../i18n.js';
import { escapeHtml } from '../pages/layout.js';

/** `code` spans of a sentence as <code>, the rest escaped. */
export const withCode = (sentence: string): string =>
  sentence.split('`').map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part))).join('');

/** What the page carries for its script: the derivations to start from. */
export interface PlaygroundData {
  readonly template: string;
  /** The expression language's names, from the generator's vocabulary: what the editor highlights in an expression's string. */
  readonly vocabulary: { readonly fields: readonly string[]; readonly functions: readonly string[]; readonly symbols: readonly string[] };
  readonly games: readonly { readonly id: string; readonly title: string; readonly text: string }[];
}

export const PLAYGROUND_STRINGS = {
  en: {
    title: 'Playground: derive a game in the browser',
    description: 'Write a game in the derivation format and get its whole derivation, in the page and offline.',
    intro: 'Write a game as a file of derivations/ is written: its activation, objectives, regularisers and hyperparameters. The generator of this project runs here, in your browser, on every change: the same checks, derivation, analyses and records as `npm run generate`, with the same messages. The page asks no server for anything.',
    startFrom: 'Start from',
    template: 'the template (a new regulariser)',
    editorLabel: 'The derivation file',
    deriving: 'Deriving…',
    derived: (file: string, ms: number): string => `Derived ${file} in ${ms} ms.`,
    reused: (file: string): string => `Derived ${file} (the same game as an earlier text: its derivation shown again).`,
    problems: (n: number, ms: number): string => `${n} error${n === 1 ? '' : 's'} (${ms} ms): as npm run generate reports ${n === 1 ? 'it' : 'them'}, placed on the text.`,
    stale: 'The derivation below, dimmed, is of the last text that derived.',
    failure: 'The generator failed on this text (not a mistake in it): the message below.',
    badLink: 'The link does not hold a game; starting from the template.',
    download: 'Download the derivation file',
    downloadRecord: 'Download the record',
    link: 'Copy a link to this game',
    linkCopied: 'Link copied: it holds the whole text.',
    linkInAddress: 'The address bar holds the link.',
    saveNote: 'Saved as derivations/<id>.ts in a clone, `npm run generate` gives this record byte for byte.',
    recordHeading: 'The record (generated/<id>.json)',
    resultsHeading: 'The derivation',
    noScript: 'The playground runs the generator in the page: it needs JavaScript.',
    codeHeading: 'The evaluators’ code',
    codeNote: 'The fast paths of generated/<id>.ts, printed by the generator’s own printer; `npm run generate` adds the checked entry points, the training API and the doc comments.',
    exploreIntro: 'Move a slider and the trajectories and eigenvalues are recomputed in the page from the formulas derived above, as the site’s game pages recompute them with the generated evaluators.',
  },
  zh: {
    title: '试验场：在浏览器中推导一个博弈',
    description: '用推导文件的格式写一个博弈，在页面中离线得到它的完整推导。',
    intro: '按 derivations/ 中文件的写法写一个博弈：激活函数、目标函数、正则项和超参数。本项目的生成器就在你的浏览器里运行，每次修改都会重新推导：与 `npm run generate` 相同的检查、推导、分析和记录，以及相同的错误信息。本页不向任何服务器请求任何内容。',
    startFrom: '起点',
    template: '模板（一个新的正则项）',
    editorLabel: '推导文件',
    deriving: '正在推导…',
    derived: (file: string, ms: number): string => `已推导 ${file}，用时 ${ms} 毫秒。`,
    reused: (file: string): string => `已推导 ${file}（与之前某个文本是同一个博弈：再次显示其推导）。`,
    problems: (n: number, ms: number): string => `${n} 个错误（${ms} 毫秒）：与 npm run generate 的报告相同，已标在文本上。`,
    stale: '下方变暗的推导来自上一个成功推导的文本。',
    failure: '生成器在这段文本上出错（并非文本的错误）：信息见下。',
    badLink: '链接中没有博弈；从模板开始。',
    download: '下载推导文件',
    downloadRecord: '下载记录',
    link: '复制指向此博弈的链接',
    linkCopied: '链接已复制：它包含全部文本。',
    linkInAddress: '地址栏中就是链接。',
    saveNote: '在克隆的项目中保存为 derivations/<id>.ts 后，`npm run generate` 会逐字节得到同样的记录。',
    recordHeading: '记录（generated/<id>.json）',
    resultsHeading: '推导',
    noScript: '试验场在页面中运行生成器：需要启用 JavaScript。',
    codeHeading: '求值函数的代码',
    codeNote: '这是 generated/<id>.ts 中的快速路径，由生成器自身的打印器输出；`npm run generate` 还会加上带检查的入口、训练接口和文档注释。',
    exploreIntro: '拖动滑块，页面会用上面推导出的公式重新计算轨迹与特征值，与网站的博弈页面用生成的求值函数计算的一样。',
  },
} satisfies Record<Lang, unknown>;
