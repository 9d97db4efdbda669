/**
 * Copy-as-LaTeX buttons. The build leaves them hidden (they need script); here they are
 * shown, and a click copies the formula's source from KaTeX's MathML annotation.
 */
export function enableCopyButtons(labels: { copied: string; failed: string }, root: ParentNode = document): void {
  // One polite live region says what a click did: a button's changed text is not announced.
  let status = document.getElementById('copy-status');
  if (!status) {
    status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('aria-live', 'polite');
    status.id = 'copy-status';
    document.body.append(status);
  }
  for (const button of Array.from(root.querySelectorAll<HTMLButtonElement>('button.copy'))) {
    const holder = button.parentElement;
    // The formula's own annotation: a variant's label may hold a formula too ("with f(t) = ...").
    const source = holder?.querySelector('.math annotation[encoding="application/x-tex"]')?.textContent ?? holder?.querySelector('pre.tex-source')?.textContent;
    if (!source) continue;
    const label = button.textContent ?? '';
    button.hidden = false;
    button.addEventListener('click', () => {
      void copy(source).then((ok) => {
        button.textContent = ok ? labels.copied : labels.failed;
        status!.textContent = button.textContent;
        button.classList.toggle('done', ok);
        window.setTimeout(() => {
          button.textContent = label;
          button.classList.remove('done');
        }, 1500);
      });
    });
  }
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without the asynchronous clipboard (no permission, or file://), fall back to a selection.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
