import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DelaktigDatabase } from '../../../../src/client/db/database.ts';
import { MERGE_CHUNK_SIZE } from '../../../../src/client/db/merge-states.ts';

/**
 * Every schema version that has shipped, exactly as it shipped. When a version is added to
 * DelaktigDatabase, add it here too, with sample data: the test opens each older version with data
 * in it and upgrades it to the newest, and nothing may be lost.
 */
const SHIPPED_STORES_5 = {
  dialogues: 'id, tenantId, createdHlc',
  contributions: 'id, tenantId, [dialogueId+hlc]',
  outbox: '++seq, &changeId',
  drafts: 'key',
  meta: 'key',
  session: 'key',
  syncRecords: '[entity+id], tenantId',
  translations: 'id, tenantId, dialogueId, targetId',
  participations: 'dialogueId, code, tenantId',
  respondents: 'id, tenantId, dialogueId',
  photos: 'id, tenantId, [dialogueId+hlc]',
  photoBlobs: 'sha256, tenantId',
  themes: 'id, tenantId, dialogueId',
  votes: 'id, tenantId, dialogueId',
  feedback: 'id, tenantId, dialogueId',
};

const SHIPPED_STORES_7 = {
  ...SHIPPED_STORES_5,
  openSpaceEvents: 'id, tenantId, date',
  openSpaceTopics: 'id, tenantId, eventId',
  openSpaceActions: 'id, tenantId, eventId, status',
  openSpaceComments: 'id, tenantId, actionId, eventId',
  cohorts: 'id, tenantId, year',
  assignments: 'id, tenantId, cohortId',
  proposals: 'id, tenantId, year, status, createdHlc',
  proposalResponses: 'id, tenantId, proposalId',
  proposalEvents: 'id, tenantId, proposalId',
  proposalAttachments: 'id, tenantId, proposalId',
};

/** Version 9 on: version 7's stores without syncRecords (the merge states' table changed since). */
const SHIPPED_STORES_9_BASE = Object.fromEntries(
  Object.entries(SHIPPED_STORES_7).filter(([name]) => name !== 'syncRecords'),
);

/** A dialogue's merge state as versions 8 on store it (`entity/id` key). */
const dialogueState = (id: string, title: string, hlc: string) => ({
  key: `dialogue/${id}`,
  entity: 'dialogue',
  id,
  tenantId: 'm',
  values: { title },
  stamps: { title: hlc },
  texts: {},
});

const SHIPPED_VERSIONS: {
  version: number;
  stores: Record<string, string>;
  seed: (db: Dexie) => Promise<void>;
}[] = [
  {
    version: 1,
    stores: {
      dialogues: 'id, tenantId, createdHlc',
      contributions: 'id, tenantId, [dialogueId+hlc]',
      outbox: '++seq, &changeId',
      drafts: 'key',
      meta: 'key',
    },
    seed: async (db) => {
      await db.table('dialogues').add({
        id: 'd1',
        tenantId: 'local',
        title: 'T',
        question: 'Q',
        status: 'planned',
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        createdHlc: '001767225600000-0000-dev',
        hlc: '001767225600000-0000-dev',
      });
      await db.table('contributions').add({
        id: 'c1',
        tenantId: 'local',
        dialogueId: 'd1',
        text: 'hej',
        lang: 'sv',
        createdAt: '2026-01-01T00:00:00.000Z',
        hlc: '001767225600001-0000-dev',
      });
      await db.table('outbox').add({
        changeId: 'x1',
        entity: 'contribution',
        recordId: 'c1',
        tenantId: 'local',
        fields: { text: 'hej' },
        hlc: '001767225600001-0000-dev',
        deviceId: 'dev',
        userId: null,
        queuedAt: '2026-01-01T00:00:00.000Z',
      });
      await db
        .table('drafts')
        .add({ key: 'new-dialogue', values: { title: 'utkast' }, savedAt: '2026-01-01T00:00:00.000Z' });
      await db.table('meta').add({ key: 'deviceId', value: 'dev' });
    },
  },
  {
    version: 2,
    stores: {
      dialogues: 'id, tenantId, createdHlc',
      contributions: 'id, tenantId, [dialogueId+hlc]',
      outbox: '++seq, &changeId',
      drafts: 'key',
      meta: 'key',
      session: 'key',
      syncRecords: '[entity+id], tenantId',
    },
    seed: async (db) => {
      await SHIPPED_VERSIONS[0]!.seed(db);
      await db.table('session').add({
        key: 'current',
        token: 't',
        sessionId: 's',
        expiresAt: '2027-01-01T00:00:00.000Z',
        user: { id: 'u', username: 'anna', displayName: 'Anna', role: 'facilitator', kind: 'person' },
        municipality: { id: 'm', name: 'Borlänge', timeZone: 'Europe/Stockholm', committees: [] },
      });
      await db.table('syncRecords').add({
        entity: 'dialogue',
        id: 'd1',
        tenantId: 'local',
        stamps: { title: '001767225600000-0000-dev' },
        texts: {},
      });
    },
  },
  {
    version: 3,
    stores: {
      dialogues: 'id, tenantId, createdHlc',
      contributions: 'id, tenantId, [dialogueId+hlc]',
      outbox: '++seq, &changeId',
      drafts: 'key',
      meta: 'key',
      session: 'key',
      syncRecords: '[entity+id], tenantId',
      translations: 'id, tenantId, dialogueId, targetId',
      participations: 'dialogueId, code, tenantId',
      respondents: 'id, tenantId, dialogueId',
    },
    seed: async (db) => {
      await SHIPPED_VERSIONS[1]!.seed(db);
      await db.table('translations').add({
        id: 't1',
        tenantId: 'local',
        dialogueId: 'd1',
        targetEntity: 'dialogue',
        targetId: 'd1',
        field: 'question',
        lang: 'en',
        text: 'Q in English',
        translatedBy: 'Anna',
        createdAt: '2026-01-01T00:00:00.000Z',
        hlc: '001767225600002-0000-dev',
      });
      await db.table('participations').add({
        dialogueId: 'd1',
        tenantId: 'm',
        municipalityName: 'Borlänge',
        code: 'ACDEFH',
        receipt: 'ACDEFHJKMN',
        participantKey: 'k',
        joinedAt: '2026-01-01T00:00:00.000Z',
      });
    },
  },
  {
    version: 4,
    stores: {
      dialogues: 'id, tenantId, createdHlc',
      contributions: 'id, tenantId, [dialogueId+hlc]',
      outbox: '++seq, &changeId',
      drafts: 'key',
      meta: 'key',
      session: 'key',
      syncRecords: '[entity+id], tenantId',
      translations: 'id, tenantId, dialogueId, targetId',
      participations: 'dialogueId, code, tenantId',
      respondents: 'id, tenantId, dialogueId',
      photos: 'id, tenantId, [dialogueId+hlc]',
      photoBlobs: 'sha256, tenantId',
    },
    seed: async (db) => {
      await SHIPPED_VERSIONS[2]!.seed(db);
      await db.table('photos').add({
        id: 'p1',
        tenantId: 'm',
        dialogueId: 'd1',
        sha256: 'a'.repeat(64),
        mime: 'image/jpeg',
        bytes: 3,
        width: 1,
        height: 1,
        thumbnail: 'data:image/jpeg;base64,AAAA',
        createdAt: '2026-01-01T00:00:00.000Z',
        hlc: '001767225600003-0000-dev',
      });
      await db.table('photoBlobs').add({
        sha256: 'a'.repeat(64),
        tenantId: 'm',
        mime: 'image/jpeg',
        bytes: 3,
        addedAt: '2026-01-01T00:00:00.000Z',
        blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }),
      });
    },
  },
  {
    version: 5,
    stores: {
      dialogues: 'id, tenantId, createdHlc',
      contributions: 'id, tenantId, [dialogueId+hlc]',
      outbox: '++seq, &changeId',
      drafts: 'key',
      meta: 'key',
      session: 'key',
      syncRecords: '[entity+id], tenantId',
      translations: 'id, tenantId, dialogueId, targetId',
      participations: 'dialogueId, code, tenantId',
      respondents: 'id, tenantId, dialogueId',
      photos: 'id, tenantId, [dialogueId+hlc]',
      photoBlobs: 'sha256, tenantId',
      themes: 'id, tenantId, dialogueId',
      votes: 'id, tenantId, dialogueId',
      feedback: 'id, tenantId, dialogueId',
    },
    seed: async (db) => {
      await SHIPPED_VERSIONS[3]!.seed(db);
      await db.table('themes').add({
        id: 'th1',
        tenantId: 'm',
        dialogueId: 'd1',
        name: 'Ljus',
        order: 0,
        createdAt: '2026-01-01T00:00:00.000Z',
        hlc: '001767225600004-0000-dev',
      });
      await db.table('votes').add({
        id: 'v1',
        tenantId: 'm',
        dialogueId: 'd1',
        participantKey: 'k',
        dots: { th1: 2 },
        createdAt: '2026-01-01T00:00:00.000Z',
        hlc: '001767225600005-0000-dev',
      });
      await db.table('feedback').add({
        id: 'f1',
        tenantId: 'm',
        dialogueId: 'd1',
        committeeId: 'c1',
        committeeName: 'Kommunstyrelsen',
        decidedOn: '2026-03-01',
        text: 'Fler lampor',
        createdAt: '2026-03-02T00:00:00.000Z',
        hlc: '001767225600006-0000-dev',
      });
    },
  },
  {
    version: 6,
    stores: {
      dialogues: 'id, tenantId, createdHlc',
      contributions: 'id, tenantId, [dialogueId+hlc]',
      outbox: '++seq, &changeId',
      drafts: 'key',
      meta: 'key',
      session: 'key',
      syncRecords: '[entity+id], tenantId',
      translations: 'id, tenantId, dialogueId, targetId',
      participations: 'dialogueId, code, tenantId',
      respondents: 'id, tenantId, dialogueId',
      photos: 'id, tenantId, [dialogueId+hlc]',
      photoBlobs: 'sha256, tenantId',
      themes: 'id, tenantId, dialogueId',
      votes: 'id, tenantId, dialogueId',
      feedback: 'id, tenantId, dialogueId',
      openSpaceEvents: 'id, tenantId, date',
      openSpaceTopics: 'id, tenantId, eventId',
      openSpaceActions: 'id, tenantId, eventId, status',
      openSpaceComments: 'id, tenantId, actionId, eventId',
    },
    seed: async (db) => {
      await SHIPPED_VERSIONS[4]!.seed(db);
      await db.table('openSpaceEvents').add({
        id: 'os1',
        tenantId: 'm',
        title: 'Open Space',
        date: '2026-03-12',
        rooms: [{ id: 'r1', name: 'Sal A' }],
        slots: [{ id: 's1', name: '13.00' }],
        youngPeople: 20,
        politicians: 5,
        officials: 3,
        status: 'closed',
        createdAt: '2026-03-01T00:00:00.000Z',
        hlc: '001767225600007-0000-dev',
      });
      await db.table('openSpaceTopics').add({
        id: 'ot1',
        tenantId: 'm',
        eventId: 'os1',
        title: 'Bussar',
        convener: '',
        description: '',
        roomId: 'r1',
        slotId: 's1',
        participants: 6,
        notes: 'Fler turer',
        keyPoints: '',
        recommendations: 'Kvällsbuss',
        createdAt: '2026-03-12T12:00:00.000Z',
        hlc: '001767225600008-0000-dev',
      });
      await db.table('openSpaceActions').add({
        id: 'oa1',
        tenantId: 'm',
        eventId: 'os1',
        topicId: 'ot1',
        recommendation: 'Kvällsbuss',
        title: 'Utred kvällsbuss',
        ownerKind: 'committee',
        ownerName: 'Tekniska nämnden',
        dueDate: '2026-06-01',
        status: 'open',
        createdAt: '2026-03-12T13:00:00.000Z',
        hlc: '001767225600009-0000-dev',
      });
      await db.table('openSpaceComments').add({
        id: 'oc1',
        tenantId: 'm',
        actionId: 'oa1',
        eventId: 'os1',
        text: 'Utreds',
        date: '2026-04-01',
        author: 'Eva',
        createdAt: '2026-04-01T00:00:00.000Z',
        hlc: '001767225600010-0000-dev',
      });
    },
  },
  {
    version: 7,
    stores: SHIPPED_STORES_7,
    seed: async (db) => {
      await SHIPPED_VERSIONS[5]!.seed(db);
      await db
        .table('cohorts')
        .add({ id: 'co1', tenantId: 'm', year: 2026, weeks: '25-27', supervisor: 'Fia', members: [] });
      await db.table('proposals').add({
        id: 'p1',
        tenantId: 'm',
        year: 2026,
        status: 'draft',
        title: 'Busskort',
        createdHlc: '001767225600007-0000-dev',
      });
      await db.table('proposalEvents').add({ id: 'e1', tenantId: 'm', proposalId: 'p1', command: 'create' });
    },
  },
  {
    // Version 8 moved the merge states to mergeStates (a string key, no index); 9 dropped syncRecords.
    version: 9,
    stores: {
      ...SHIPPED_STORES_9_BASE,
      mergeStates: 'key',
    },
    seed: async (db) => {
      await db.table('dialogues').add({ id: 'd9', tenantId: 'm', title: 'Skolgården', createdHlc: 'h9' });
      await db.table('mergeStates').add(dialogueState('d9', 'Skolgården', 'h9'));
    },
  },
  {
    // Version 10 put the merge states in chunks (merge-states.ts); 11 dropped mergeStates.
    version: 11,
    stores: {
      ...SHIPPED_STORES_9_BASE,
      mergeChunks: 'start',
    },
    seed: async (db) => {
      await db.table('dialogues').add({ id: 'd11', tenantId: 'm', title: 'Parken', createdHlc: 'h11' });
      const state = (id: string) => dialogueState(id, 'Parken', 'h11');
      await db.table('mergeChunks').bulkAdd([
        { start: 'dialogue/', states: [state('d10')] },
        { start: 'dialogue/d11', states: [state('d11'), state('d12')] },
      ]);
    },
  },
];

/** A merge state as version 8 keyed it: `entity/id` (database.ts, mergeKey). */
const keyed = (row: Record<string, unknown>) => ({ ...row, key: `${String(row.entity)}/${String(row.id)}` });

/** Merge states as version 10 stores them: in key order, in chunks (merge-states.ts). */
function chunked(states: readonly Record<string, unknown>[]): unknown[] {
  const sorted = [...states].sort((a, b) => (String(a.key) < String(b.key) ? -1 : 1));
  const chunks: unknown[] = [];
  for (let i = 0; i < sorted.length; i += MERGE_CHUNK_SIZE) {
    const part = sorted.slice(i, i + MERGE_CHUNK_SIZE);
    chunks.push({ start: part[0]!.key, states: part });
  }
  return chunks;
}

/** Tables a later version moved elsewhere: where their rows are now, and how they look there. */
const MOVED: Record<string, { to: string; rows: (rows: Record<string, unknown>[]) => unknown[] }> = {
  // Version 8: under one string key, `entity/id`; version 10: in chunks.
  syncRecords: { to: 'mergeChunks', rows: (rows) => chunked(rows.map(keyed)) },
  mergeStates: { to: 'mergeChunks', rows: chunked },
};

describe('database schema', () => {
  it('declares its versions in order and the newest matches the last shipped one', () => {
    const db = new DelaktigDatabase('schema-check', { indexedDB: new IDBFactory(), IDBKeyRange });
    const versions = SHIPPED_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(db.verno).toBe(versions.at(-1));
  });

  for (const shipped of SHIPPED_VERSIONS) {
    it(`upgrades a version ${shipped.version} database with data in it to the newest without loss`, async () => {
      const indexedDB = new IDBFactory();
      const old = new Dexie('upgrade-test', { indexedDB, IDBKeyRange });
      old.version(shipped.version).stores(shipped.stores);
      await old.open();
      await shipped.seed(old);
      const before: Record<string, unknown[]> = {};
      for (const table of old.tables) before[table.name] = await table.toArray();
      old.close();

      const db = new DelaktigDatabase('upgrade-test', { indexedDB, IDBKeyRange });
      await db.open();
      for (const [name, rows] of Object.entries(before)) {
        const moved = MOVED[name];
        if (moved) {
          expect(await db.table(moved.to).toArray(), `table ${name}, now ${moved.to}`).toEqual(
            moved.rows(rows as Record<string, unknown>[]),
          );
          expect(db.tables.map((table) => table.name)).not.toContain(name);
        } else {
          expect(await db.table(name).toArray(), `table ${name}`).toEqual(rows);
        }
      }
      db.close();
    });
  }
});
