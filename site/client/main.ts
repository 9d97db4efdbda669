/**
 * The page script (bundled by esbuild into assets/site.js, with the generated evaluators):
 * progressive enhancement only. Without it every page reads the same, with static pictures.
 */
import { STRINGS } from '../i18n.js';
import type { Lang } from '../i18n.js';
import { enableCopyButtons } from './copy.js';
import { enableExplorer } from './explore.js';

const lang: Lang = document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
enableCopyButtons({ copied: STRINGS[lang].copied, failed: STRINGS[lang].copyFailed });
enableExplorer();
