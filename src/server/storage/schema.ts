/**
 * The stored tables as Kysely sees them: one interface for SQLite and PostgreSQL, so a query is
 * written once and type-checked against both.
 *
 * Column conventions, chosen so that both dialects read back the same JavaScript values:
 * - times are ISO-8601 UTC text (`2025-05-01T08:30:00.000Z`): they sort as text, need no time-zone
 *   handling in either driver, and compare with `<` in SQL;
 * - booleans are integers 0/1 (SQLite has no boolean type; PostgreSQL's would read back as `true`);
 * - sequence numbers are bigint on PostgreSQL and parsed to `number` by the pool's type parser
 *   (postgres-storage.ts), integer on SQLite;
 * - structured values are JSON text (`*_json`), parsed by the code that owns them.
 */
import type { ColumnType, Insertable, Selectable } from 'kysely';

/** A column the database fills when an insert leaves it out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

/** Key/value facts about this installation: `instance_id`, `created_at`. */
export interface ServerInfoTable {
  key: string;
  value: string;
}

export interface MunicipalitiesTable {
  id: string;
  name: string;
  /** IANA zone, e.g. Europe/Stockholm. */
  time_zone: string;
  /** `[{ "id": uuid, "name": text }]`: the committees (nämnder). */
  committees_json: Defaulted<string>;
  created_at: string;
}

export interface UsersTable {
  id: string;
  municipality_id: string;
  /** Lower case, unique across the whole server (a person signs in without naming a municipality). */
  username: string;
  display_name: string;
  role: string;
  kind: 'person' | 'device';
  /** scrypt, encoded with its parameters (auth/password.ts); null for a device account. */
  password_hash: string | null;
  disabled: Defaulted<number>;
  created_at: string;
  updated_at: string;
}

export interface DeviceSessionsTable {
  id: string;
  /** SHA-256 (hex) of the bearer token: a stolen database does not hand out sessions. */
  token_hash: string;
  user_id: string;
  municipality_id: string;
  device_id: string;
  device_label: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface EnrolmentCodesTable {
  /** SHA-256 (hex) of the code as typed, without dash, upper case. */
  code_hash: string;
  municipality_id: string;
  /** The admin who made the code. */
  created_by: string;
  device_label: string;
  role: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/**
 * One-time setup codes, SHA-256 (hex). Each server process that starts while no admin exists adds
 * one and prints it; setting up the server deletes them all.
 */
export interface SetupCodesTable {
  code_hash: string;
  created_at: string;
}

/** Every accepted change, in its municipality's sequence (the sync engine writes these). */
export interface ChangesTable {
  municipality_id: string;
  seq: number;
  change_id: string;
  entity: string;
  record_id: string;
  fields_json: string;
  hlc: string;
  device_id: string;
  user_id: string | null;
  received_at: string;
  /** The dialogue the record belongs to (entities.ts scope), for participants' pulls; else null. */
  scope_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The merged state of each synced record (shared/sync/merge.ts RecordState, as JSON). */
export interface RecordsTable {
  municipality_id: string;
  entity: string;
  record_id: string;
  values_json: string;
  stamps_json: string;
  texts_json: Defaulted<string>;
  updated_seq: number;
}

/**
 * Per record and text field, the changes whose Yjs update is not empty: what text compaction
 * (src/server/sync/text-compaction.ts) folds together.
 */
export interface TextUpdatesTable {
  municipality_id: string;
  entity: string;
  record_id: string;
  field: string;
  /** [[seq, bytes of the update], …] in sequence order. */
  updates_json: string;
  /** The change that carries the compacted state (the first of updates_json), or null. */
  compacted_seq: number | null;
}

/** The last sequence number handed out per municipality; its row lock orders pushes. */
export interface SequencesTable {
  municipality_id: string;
  last_seq: Defaulted<number>;
}

/** A dialogue's join code, given when it is first opened (shared/domain/join-code.ts). */
export interface JoinCodesTable {
  code: string;
  municipality_id: string;
  dialogue_id: string;
  created_at: string;
}

/** An anonymous participant's phone: no account, no name; it may act only in the dialogues it joined. */
export interface ParticipantSessionsTable {
  id: string;
  token_hash: string;
  municipality_id: string;
  created_at: string;
  last_seen_at: string;
}

/** A dialogue a participant session joined, with its receipt code. */
export interface ParticipantGrantsTable {
  session_id: string;
  dialogue_id: string;
  receipt: string;
  created_at: string;
}

/** A photo's image, content-addressed per municipality (migration 5, docs/server.md "Photos"). */
export interface BlobsTable {
  municipality_id: string;
  /** SHA-256 of `data`, lower-case hex, verified before the row was written. */
  sha256: string;
  mime: string;
  bytes: number;
  data: Buffer;
  created_by: string | null;
  created_at: string;
}

/** One received chunk of an image whose upload is not complete yet. */
export interface BlobUploadsTable {
  municipality_id: string;
  sha256: string;
  chunk_offset: number;
  chunk_bytes: number;
  total_bytes: number;
  mime: string;
  data: Buffer;
  created_by: string | null;
  created_at: string;
}

export interface Schema {
  schema_migrations: SchemaMigrationsTable;
  server_info: ServerInfoTable;
  municipalities: MunicipalitiesTable;
  users: UsersTable;
  device_sessions: DeviceSessionsTable;
  enrolment_codes: EnrolmentCodesTable;
  setup_codes: SetupCodesTable;
  changes: ChangesTable;
  records: RecordsTable;
  sequences: SequencesTable;
  join_codes: JoinCodesTable;
  participant_sessions: ParticipantSessionsTable;
  participant_grants: ParticipantGrantsTable;
  blobs: BlobsTable;
  blob_uploads: BlobUploadsTable;
  text_updates: TextUpdatesTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type MunicipalityRow = Selectable<MunicipalitiesTable>;
export type DeviceSessionRow = Selectable<DeviceSessionsTable>;
