/**
 * Where the local provider keeps its Markdown documents: files in the data folder on Node (people may
 * edit them there), a table of the database on Workers (no file system). Ids are checked by the caller.
 */
export interface TextBlobs {
  /** The text and when it last changed (ms since the epoch), or null when there is no such document. */
  get(id: string): Promise<{ text: string; modifiedAt: number } | null>;
  /** Write unless the document already exists: a resumed create never overwrites what people wrote. */
  createIfAbsent(id: string, text: string): Promise<void>;
  /**
   * Replace the text only while it is still `expected`, all at once (a reader never sees half).
   * Returns false, writing nothing, when someone else changed it (or it is gone).
   */
  replace(id: string, expected: string, text: string): Promise<boolean>;
  /** Of these ids, those changed at or after `since` (ms), and those missing. */
  changedSince(ids: string[], since: number): Promise<string[]>;
  /**
   * Keep the text of a version someone opened or saved (the base of a later three-way merge); only
   * the newest `KEPT_VERSIONS` of a document are kept.
   */
  keepVersion(id: string, version: string, text: string): Promise<void>;
  /** A kept version's text, or null once it is no longer kept. */
  getVersion(id: string, version: string): Promise<string | null>;
}

/**
 * Earlier versions kept per document, as bases for three-way merges: an editor open for a long time
 * while others save many times still merges; past this, its save is a conflict and nothing is lost.
 */
export const KEPT_VERSIONS = 50;
