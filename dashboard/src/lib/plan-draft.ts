/**
 * The new-plan form's text survives an expired session: when the service answers 401, what was
 * typed is kept in this tab's sessionStorage; after signing in again (token, trial or the company's
 * provider, which all come back to /new/) the form is filled from it once, and the copy is removed.
 */
const KEY = 'coaching-plans:new-plan-draft';

interface Draft {
  activities: number;
  values: Record<string, string>;
}

export function saveDraft(form: HTMLFormElement): void {
  const values: Record<string, string> = {};
  for (const element of form.elements) {
    const input = element as HTMLInputElement;
    if (!input.name || (input.type === 'radio' && !input.checked)) continue;
    values[input.name] = input.value;
  }
  const activities = Object.keys(values).filter((name) => /^activities\.\d+\.title$/.test(name)).length;
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ activities, values } satisfies Draft));
  } catch {
    // Storage full or blocked: the form keeps its text on this page at least.
  }
}

/** Fills the form from a saved draft, if any; `addActivity` adds one more activity row. Returns whether it did. */
export function restoreDraft(form: HTMLFormElement, addActivity: () => void): boolean {
  let draft: Draft | null = null;
  try {
    draft = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Draft | null;
    sessionStorage.removeItem(KEY);
  } catch {
    return false;
  }
  if (!draft || typeof draft.values !== 'object') return false;
  const rows = () => form.querySelectorAll('.activity').length;
  while (rows() < Math.min(draft.activities, 30)) addActivity();
  for (const [name, value] of Object.entries(draft.values)) {
    const element = form.elements.namedItem(name);
    if (element instanceof RadioNodeList) {
      for (const option of element) if (option instanceof HTMLInputElement) option.checked = option.value === value;
    } else if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) {
      element.value = value;
    }
  }
  return true;
}
