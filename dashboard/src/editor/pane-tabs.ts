/**
 * On a narrow screen the document and its preview are two tabs (WAI-ARIA tabs pattern: arrow keys
 * move between them), so the page is one screen of text, not the two panes stacked (4,775 px tall on
 * a phone). On a wide screen they stand side by side and the tabs are gone, roles and all.
 */
const NARROW = '(max-width: 900px)';

export function setUpPaneTabs(): { show(pane: 'source' | 'preview'): void } {
  const list = document.getElementById('pane-tabs') as HTMLElement;
  const tabs = { source: document.getElementById('tab-source') as HTMLButtonElement, preview: document.getElementById('tab-preview') as HTMLButtonElement };
  const panes = { source: document.getElementById('pane-source') as HTMLElement, preview: document.getElementById('pane-preview') as HTMLElement };
  const media = window.matchMedia(NARROW);
  let current: 'source' | 'preview' = 'source';

  function apply(): void {
    const narrow = media.matches;
    list.hidden = !narrow;
    if (narrow) list.setAttribute('role', 'tablist');
    else list.removeAttribute('role');
    for (const key of ['source', 'preview'] as const) {
      const selected = key === current;
      const tab = tabs[key];
      const pane = panes[key];
      if (narrow) {
        tab.setAttribute('role', 'tab');
        tab.setAttribute('aria-selected', String(selected));
        tab.tabIndex = selected ? 0 : -1;
        pane.setAttribute('role', 'tabpanel');
        pane.setAttribute('aria-labelledby', tab.id);
        pane.hidden = !selected;
      } else {
        tab.removeAttribute('role');
        pane.removeAttribute('role');
        pane.setAttribute('aria-labelledby', key === 'source' ? 'source-title' : 'preview-title');
        pane.hidden = false;
      }
    }
  }

  function show(pane: 'source' | 'preview', focus = false): void {
    current = pane;
    apply();
    if (focus) tabs[pane].focus();
  }

  for (const key of ['source', 'preview'] as const) {
    tabs[key].addEventListener('click', () => show(key));
    tabs[key].addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight' && event.key !== 'Home' && event.key !== 'End') return;
      event.preventDefault();
      show(key === 'source' ? 'preview' : 'source', true);
    });
  }
  media.addEventListener('change', apply);
  apply();
  return { show: (pane) => show(pane) };
}
