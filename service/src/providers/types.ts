import type { AuditSink } from '../domain/audit.js';
import type { CheckInListResult, DatesChange, DocumentSection } from '../domain/document-edits.js';
import type { DocumentModel } from '../domain/document-model.js';
import type { SharingState } from '../domain/plan.js';
import type { StagedParties } from '../domain/plan-stage.js';

/** Where a plan's document lives, as the provider named it. */
export interface DocRef {
  planId: string;
  docId: string;
}

/** Everything a provider needs to create a plan's document. */
export interface CreateDocumentInput {
  planId: string;
  /** People recognise it: "Coaching plan: Ana, Dec 2026". */
  title: string;
  /** The four and the stage: a draft is shared with the manager, the manager's manager and HR only. */
  parties: StagedParties;
  startDate: string;
  endDate: string;
  /** The plan rendered from the repo template into the neutral model. */
  document: DocumentModel;
  /** The same content as Markdown, for providers that convert it themselves. */
  markdown: string;
  /** Placeholder values, for providers that fill a template of their own (a template Google Doc). */
  placeholders: Record<string, string>;
  /** What an earlier, interrupted attempt recorded; empty on the first attempt. */
  checkpoint: Record<string, unknown>;
  /**
   * Record progress before moving on, so a restart resumes instead of repeating a remote step.
   * The saved object replaces the checkpoint (merge yourself).
   */
  saveCheckpoint(checkpoint: Record<string, unknown>): Promise<void>;
  audit: AuditSink;
}

/** Everything a provider needs to share a draft with the team member (POST /api/plans/{id}/share). */
export interface ShareDocumentInput {
  ref: DocRef;
  /** The parties at the stage the plan has now (`shared`): the team member is among them. */
  parties: StagedParties;
  startDate: string;
  endDate: string;
  audit: AuditSink;
}

export interface CreatedDocument {
  docId: string;
  docUrl: string;
  sharing: SharingReport;
}

/** The outcome of comparing a document's access with the four parties (and repairing it). */
export interface SharingReport {
  state: Exclude<SharingState, 'pending'>;
  issues: string[];
}

/** How far a sharing check goes. */
export interface EnforceOptions {
  /**
   * The plan's share is pending (the stage is `shared`, the team member's access not yet given):
   * strangers are removed and the other three restored as always, but the team member's access is
   * left as it is found (domain/plan-stage.ts `rolesCheckGrants`): only the share gives it, with its
   * notification.
   */
  sharePending?: boolean;
}

export interface ChangeSet {
  /** Documents changed since the cursor; `all` when the provider cannot tell (e.g. first cycle). */
  changed: string[] | 'all';
  /** Pass back on the next cycle. */
  cursor: string;
  /**
   * What holds every document (the Google plans folder) was shared beyond its owner: every
   * document's sharing is checked in this cycle, not only the changed ones'.
   */
  checkAllSharing?: boolean;
}

/** A channel to open: where to deliver, the secret every delivery carries, from which cursor. */
export interface ChannelRequest {
  id: string;
  token: string;
  address: string;
  /** The change cursor (detectChanges's) the channel watches from. */
  cursor: string;
  /** When the channel should end (ms since the epoch); the provider may end it sooner. */
  expiresAt: number;
}

/** Push notifications of changes (Drive's changes.watch): a change means "run a cycle soon". */
export interface ChangeChannels {
  open(request: ChannelRequest): Promise<{ resourceId: string; expiresAt: number }>;
  /** Stop deliveries on a channel (already stopped or expired counts as stopped). */
  stop(channel: { id: string; resourceId: string }): Promise<void>;
}

/** A plan whose document's sharing a bulk check may confirm. */
export interface SharingCandidate {
  ref: DocRef;
  /** The parties and the stage: a draft's team member is a stranger to its document. */
  parties: StagedParties;
}

/** What a bulk sharing check found: documents confirmed as agreed; the rest need enforceSharing. */
export interface BulkSharingCheck {
  /** Documents whose sharing is exactly as agreed: nothing to do. */
  confirmed: string[];
  /** Documents the bulk answer could not judge (not listed, or given without permissions). */
  undecided: number;
  /** Documents with something to repair. */
  toRepair: number;
  /** Requests the check made. */
  requests: number;
}

export interface SetupReport {
  ok: boolean;
  problems: string[];
}

/**
 * A place plan documents live. Implementations are factories returning `{...} satisfies DocProvider`.
 * Every method may throw `ProviderError`; the caller records it on the plan and carries on.
 */
export interface DocProvider {
  readonly name: string;
  /**
   * Create the document, share it with exactly the parties its stage allows (domain/plan-stage.ts
   * `sharedRoles`: the four, or three for a draft), verify that. Must be safe to call
   * again with the checkpoint of an interrupted attempt: never two documents, never left exposed.
   * Throws `ProviderError` with `failClosed` when the document could not be made private.
   */
  createDocument(input: CreateDocumentInput): Promise<CreatedDocument>;
  /** Read the document into the neutral model; `DocumentMissingError` when it was deleted or trashed. */
  readDocument(ref: DocRef): Promise<DocumentModel>;
  /** Which of these documents changed since the cursor (one cheap call, not one per document). */
  detectChanges(cursor: string | null, docs: DocRef[]): Promise<ChangeSet>;
  /**
   * Compare access with the parties the stage allows, repair what the API allows, audit each
   * repair. During a draft the team member is a stranger: a grant of theirs is removed or reported.
   */
  enforceSharing(ref: DocRef, parties: StagedParties, audit: AuditSink, how?: EnforceOptions): Promise<SharingReport>;
  /**
   * Give the team member access to a document made as a draft, as a create gives it (the same
   * grant, with the same notification), and verify the four. Safe to call again after an
   * interruption: it looks before it grants, so a retry never grants twice.
   */
  shareDocument(input: ShareDocumentInput): Promise<SharingReport>;
  /**
   * On close (before `closeDocument`) and reopen: add a section (domain/document-edits.ts: the
   * closing section, the reopening note) at the end of the document, unless it is there already (a
   * retry after a crash writes it once).
   */
  appendSection?(ref: DocRef, section: DocumentSection): Promise<DocumentEditResult>;
  /**
   * On extend, and on sharing a draft whose dates moved: the new dates in the document's opening,
   * Timeline and check-in list (Notion: and `End`, `Start`). Safe to repeat.
   */
  writeDates?(ref: DocRef, change: DatesChange): Promise<DatesWritten>;
  /**
   * Confirm many documents' sharing in a few requests (the sweep); what it does not confirm gets
   * enforceSharing. Providers without it are swept one document at a time.
   */
  confirmSharing?(candidates: SharingCandidate[]): Promise<BulkSharingCheck>;
  /** Push notifications of changes, where the provider has them; polling stays the net. */
  changeChannels?: ChangeChannels;
  /** On reopen (HR): undo `closeDocument`, so the parties edit again (their roles back, the page unlocked). */
  reopenDocument?(ref: DocRef, parties: StagedParties, audit: AuditSink): Promise<void>;
  /** On close: keep the record as agreed (e.g. downgrade editors to commenters). */
  closeDocument?(ref: DocRef, parties: StagedParties, audit: AuditSink): Promise<void>;
  /** Providers whose documents the service itself serves (local): the editor at the plan's docUrl. */
  hostedEditor?: HostedEditor;
  /** Checked at start-up and by GET /api/health: is the remote side set up as the service needs? */
  checkSetup?(): Promise<SetupReport>;
}

/** `written`: changed now; `present`: the document already said it; `unplaced`: it has no place for it (no Timeline section). */
export type DocumentEditResult = 'written' | 'present' | 'unplaced';

/** What `writeDates` did: the dates, and the check-in list when the change moves one (the audit says which). */
export interface DatesWritten {
  result: DocumentEditResult;
  checkInList?: CheckInListResult;
}

/** A document as the served editor shows it; `version` guards against overwriting someone else's edit. */
export interface EditableDocument {
  markdown: string;
  version: string;
}

export interface HostedEditor {
  load(ref: DocRef): Promise<EditableDocument>;
  /** Save unless the document changed since `baseVersion` (then `EditConflictError`, nothing written). */
  save(ref: DocRef, markdown: string, baseVersion: string): Promise<EditableDocument>;
  /**
   * The text of an earlier version that someone loaded or saved (the base of a three-way merge), or
   * null once it is no longer kept.
   */
  loadVersion(ref: DocRef, version: string): Promise<string | null>;
}

export class EditConflictError extends Error {
  constructor(
    readonly current: EditableDocument,
    message = 'The document changed since you opened it; your text was not saved over it.',
  ) {
    super(message);
    this.name = 'EditConflictError';
  }
}

/** A remote step failed. The message starts with the provider's prefix, e.g. "[google] permissions.create". */
export class ProviderError extends Error {
  constructor(message: string, options: { cause?: unknown; retryable?: boolean; failClosed?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.retryable = options.retryable ?? false;
    this.failClosed = options.failClosed ?? false;
  }
  readonly retryable: boolean;
  /** The document was removed because it could not be made private; retrying will not help. */
  readonly failClosed: boolean;
}

/** The document is gone (deleted, trashed, access lost). The plan is marked; the cycle goes on. */
export class DocumentMissingError extends ProviderError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'DocumentMissingError';
  }
}
