/**
 * The page at a local plan's docUrl. The HTML carries the document as escaped text in a textarea
 * (readable, and editable by hand, if the script never runs); /editor/editor.js, built from
 * dashboard/src/editor, turns it into the editor with its preview, weekly controls and autosave.
 */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface EditorPageOptions {
  planId: string;
  title: string;
  markdown: string;
  version: string;
  /** The CSP nonce CodeMirror puts on the `<style>` elements it adds. */
  nonce: string;
  /** Today in TIME_ZONE: a new progress entry's date. */
  today: string;
  /** The signed-in person as the plan names them: a new progress entry's "By". */
  by: string;
  closed: boolean;
}

export function editorPage(options: EditorPageOptions): string {
  const { planId, title, markdown, version, nonce, today, by, closed } = options;
  const e = escapeHtml;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><meta name="style-nonce" content="${e(nonce)}"><title>${e(title)} · Coaching plans</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/editor/editor.css">
<script type="module" src="/editor/editor.js"></script>
</head>
<body>
<a class="skip" href="#source-title">Skip to the document</a>
<header class="top">
 <a class="brand" href="/">Coaching plans</a>
 <h1>${e(title)}</h1>
 <a href="/plan/?id=${e(encodeURIComponent(planId))}">Plan status</a>
</header>
<main id="editor-app" data-plan-id="${e(planId)}" data-version="${e(version)}" data-today="${e(today)}" data-by="${e(by)}"${closed ? ' data-closed' : ''}>
<div class="bar">
 <p class="notice">Confidential: shared only with the team member, the manager, the manager's manager and HR.</p>
 <p id="presence" class="presence" aria-live="polite"></p>
 <p id="remote-news" class="visually-hidden" role="status"></p>
 <p id="save-state" class="save-state" role="status" aria-live="polite">${closed ? 'The plan is closed: the document is read-only.' : 'Saved'}</p>
</div>
<p id="replaced" class="replaced" role="alert" hidden></p>
<section class="tools" aria-labelledby="tools-title"${closed ? ' hidden' : ''}>
 <h2 id="tools-title">Add a progress entry</h2>
 <form id="entry-form" class="entry-form">
  <label>Date <input type="date" name="date" value="${e(today)}" required></label>
  <label class="grow">Update <input type="text" name="update" required maxlength="2000" autocomplete="off" placeholder="What happened since the last check-in"></label>
  <span class="by">By <strong>${e(by)}</strong></span>
  <button type="submit">Add entry</button>
 </form>
 <p class="hint">Set an activity's status with its menu in the preview's Activities table. Every change saves itself.</p>
</section>
<div class="pane-tabs" id="pane-tabs" hidden>
 <button type="button" id="tab-source" aria-controls="pane-source" aria-selected="true">Document</button>
 <button type="button" id="tab-preview" aria-controls="pane-preview" aria-selected="false">Preview</button>
</div>
<div class="panes">
 <section class="pane" id="pane-source" aria-labelledby="source-title">
  <h2 id="source-title" tabindex="-1">Document (Markdown)</h2>
  <div id="source"><textarea id="markdown" aria-label="Plan document, Markdown" spellcheck="true"${closed ? ' readonly' : ''}>${e(markdown)}</textarea></div>
 </section>
 <section class="pane" id="pane-preview" aria-labelledby="preview-title">
  <h2 id="preview-title">Preview</h2>
  <div id="preview" class="preview"></div>
 </section>
</div>
<section id="conflict" class="conflict" aria-labelledby="conflict-title" hidden>
 <h2 id="conflict-title" tabindex="-1">Someone else changed the same lines</h2>
 <p>Nothing of yours was lost and nothing was saved over theirs. Where you both changed the same lines, choose whose lines to keep; everything else from both of you stays.</p>
 <div id="conflict-blocks"></div>
 <p class="actions"><button type="button" id="keep-mine" class="primary">Keep my lines</button> <button type="button" id="keep-theirs">Keep their lines</button></p>
</section>
</main>
</body></html>`;
}
