/**
 * The editor's code (CodeMirror 6 and its JavaScript grammar): what the playground's page script
 * uses of it, in one place. The site's build makes it scripts of their own (bundle.ts,
 * `EDITOR_SCRIPTS`), evaluated in tasks of their own before the page script, which reads it from
 * their global: all in the page script, they were one 33-56 ms task of the page's load.
 */
export { EditorState, Prec, RangeSetBuilder } from '@codemirror/state';
export { Decoration, EditorView, ViewPlugin, drawSelection, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
export { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
export { javascript } from '@codemirror/lang-javascript';
export { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting, syntaxTree } from '@codemirror/language';
export { lintGutter, setDiagnostics } from '@codemirror/lint';
