/** The plain editor the service serves for local documents (a textarea is enough; DESIGN.md). */
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `nonce`: the Content-Security-Policy nonce that lets the page's one inline script run. */
export function editorPage(options: { planId: string; title: string; markdown: string; version: string; nonce: string }): string {
  const { planId, title, markdown, version, nonce } = options;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>
 body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
 header,main{max-width:64rem;margin:0 auto;padding:1rem}
 header{display:flex;gap:1rem;align-items:baseline;flex-wrap:wrap}
 h1{font-size:1.25rem;margin:0;flex:1}
 textarea{width:100%;box-sizing:border-box;min-height:70vh;font:14px/1.5 ui-monospace,monospace;padding:.75rem;border:1px solid #8c959f;border-radius:6px}
 button{font:inherit;padding:.4rem 1.2rem;border-radius:6px;border:1px solid #1a7f37;background:#1f883d;color:#fff;cursor:pointer}
 #status{min-height:1.5em}.error{color:#b91c1c}.ok{color:#1a7f37}
 .notice{font-size:.9rem;color:#57606a}
</style></head>
<body><header><h1>${escapeHtml(title)}</h1><a href="/plan/?id=${escapeHtml(planId)}">Plan status</a></header>
<main>
<p class="notice">Confidential: shared only with the team member, the manager, the manager's manager and HR.
Add progress as rows of the Progress log table (Date | Update | By); set each activity's Status to Not started, In progress, Done or Dropped.</p>
<form id="editor" method="post">
<label for="markdown">Plan document (Markdown)</label>
<textarea id="markdown" name="markdown" spellcheck="true">${escapeHtml(markdown)}</textarea>
<input type="hidden" name="baseVersion" id="baseVersion" value="${escapeHtml(version)}">
<p><button type="submit">Save</button> <span id="status" role="status" aria-live="polite"></span></p>
</form>
<div id="theirs" hidden><h2>The document as it is now</h2><p>Someone else saved in the meantime. Your text is still above, unsaved: copy what you need from theirs, then Save again to replace it.</p><textarea readonly aria-label="Current document"></textarea></div>
</main>
<script nonce="${escapeHtml(nonce)}">
const form = document.getElementById('editor'), status = document.getElementById('status');
const base = document.getElementById('baseVersion'), theirs = document.getElementById('theirs');
let saved = form.markdown.value;
// Leaving with unsaved text asks first: nothing a person wrote should vanish with a closed tab.
window.addEventListener('beforeunload', (event) => { if (form.markdown.value !== saved) event.preventDefault(); });
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  status.className = ''; status.textContent = 'Saving…';
  try {
    const response = await fetch('/api/plans/${encodeURIComponent(planId)}/document', {
      method: 'PUT', credentials: 'same-origin', headers: {'content-type': 'application/json'},
      body: JSON.stringify({ markdown: form.markdown.value, baseVersion: base.value }),
    });
    const body = await response.json();
    if (response.ok) { base.value = body.version; saved = body.markdown; theirs.hidden = true; status.className = 'ok'; status.textContent = 'Saved.'; return; }
    if (response.status === 409 && body.current) {
      base.value = body.current.version; theirs.hidden = false; theirs.querySelector('textarea').value = body.current.markdown;
    }
    status.className = 'error'; status.textContent = body.error ? body.error.message : 'Not saved.';
  } catch { status.className = 'error'; status.textContent = 'Not saved: the service cannot be reached. Your text is still here.'; }
});
</script></body></html>`;
}
