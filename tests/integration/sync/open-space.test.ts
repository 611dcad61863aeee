/**
 * The youth council's Open Space on the real server over HTTP: who may write what (the council's
 * tablets post topics and write notes, but do not move actions on; officials and politicians do),
 * notes from two tablets merged on the server, two topics in one cell kept (the grid shows the
 * clash), and comments that cannot be changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../../src/shared/domain/roles.ts';
import { formatHlc } from '../../../src/shared/sync/hlc.ts';
import { applyChange, type RecordState } from '../../../src/shared/sync/merge.ts';
import type { SyncedChange } from '../../../src/shared/sync/protocol.ts';
import { TextFieldDoc } from '../../../src/shared/sync/text-merge.ts';
import { call, startSyncServer, type SignedIn, type SyncServer } from './http-fixture.ts';

let server: SyncServer;
const people: Partial<Record<Role, SignedIn>> = {};
let clock = Date.now();

function change(entity: string, recordId: string, fields: Record<string, unknown>, command?: string) {
  clock += 1;
  return {
    changeId: uuidv7(),
    entity,
    recordId,
    tenantId: server.municipalityId,
    fields,
    hlc: formatHlc({ ms: clock, counter: 0 }, 'it-open-space'),
    deviceId: 'it-open-space',
    userId: null,
    ...(command ? { command } : {}),
  };
}

async function push(role: Role, changes: unknown[]) {
  return call(server, 'POST', '/api/sync/push', { token: people[role]!.token, body: { changes } });
}

async function pulled(
  role: Role,
): Promise<{ entity: string; recordId: string; fields: Record<string, unknown> }[]> {
  const answer = await call(server, 'GET', '/api/sync/pull?after=0&limit=1000', {
    token: people[role]!.token,
  });
  return answer.body.changes as { entity: string; recordId: string; fields: Record<string, unknown> }[];
}

const eventId = uuidv7();
const ROOM = { id: uuidv7(), name: 'Sal A' };
const SLOT = { id: uuidv7(), name: '13.00' };

beforeAll(async () => {
  server = await startSyncServer('sqlite');
  for (const role of ['youthCouncil', 'youthDeveloper', 'official', 'politician'] as const)
    people[role] = await server.signIn(role);
  const created = await push('youthCouncil', [
    change('openSpaceEvent', eventId, {
      title: 'Open Space',
      date: '2026-03-12',
      rooms: [ROOM],
      slots: [SLOT],
      status: 'planned',
      createdAt: new Date().toISOString(),
    }),
  ]);
  expect(created.status).toBe(200);
});
afterAll(async () => {
  await server.close();
});

describe('Open Space on the server', () => {
  it("takes topics from the council's tablets and refuses them from a youth developer and an official", async () => {
    const topic = (title: string) =>
      change('openSpaceTopic', uuidv7(), {
        eventId,
        title,
        convener: '',
        createdAt: new Date().toISOString(),
      });
    expect((await push('youthCouncil', [topic('Bussar')])).status).toBe(200);
    for (const role of ['youthDeveloper', 'official'] as const) {
      const refused = await push(role, [topic('Skolmat')]);
      expect(refused.status).toBe(422);
      expect(refused.body.rejected).toEqual([expect.objectContaining({ code: 'forbidden' })]);
    }
    const refusedEvent = await push('official', [
      change('openSpaceEvent', uuidv7(), { title: 'X', date: '2026-05-01', status: 'planned' }),
    ]);
    expect(refusedEvent.status).toBe(422);
  });

  it('merges notes two tablets wrote at once: both sentences on the server', async () => {
    const id = uuidv7();
    const start = new TextFieldDoc();
    const first = start.replace('Vi pratade om bussarna.')!;
    expect(
      (
        await push('youthCouncil', [
          change('openSpaceTopic', id, { eventId, title: 'Bussar', notes: { y: first } }),
        ])
      ).status,
    ).toBe(200);
    const a = new TextFieldDoc(first).replace('Vi pratade om bussarna. Anna: kvällsturer.')!;
    const b = new TextFieldDoc(first).replace('Bo: billigare kort. Vi pratade om bussarna.')!;
    expect((await push('youthCouncil', [change('openSpaceTopic', id, { notes: { y: b } })])).status).toBe(
      200,
    );
    expect((await push('youthCouncil', [change('openSpaceTopic', id, { notes: { y: a } })])).status).toBe(
      200,
    );
    const states = await call(server, 'GET', '/api/sync/pull?after=0&limit=1000', {
      token: people.politician!.token,
    });
    const updates = (states.body.changes as { recordId: string; fields: { notes?: { y: string } } }[])
      .filter((c) => c.recordId === id && c.fields.notes)
      .map((c) => c.fields.notes!.y);
    const merged = new TextFieldDoc();
    for (const update of updates) merged.apply(update);
    expect(merged.text).toContain('Anna: kvällsturer.');
    expect(merged.text).toContain('Bo: billigare kort.');
  });

  it("keeps the session notes' language, the last choice winning, and returns it to the other tablets", async () => {
    const topicId = uuidv7();
    const created = await push('youthCouncil', [
      change('openSpaceTopic', topicId, {
        eventId,
        title: 'Språk',
        convener: '',
        createdAt: new Date().toISOString(),
      }),
      change('openSpaceTopic', topicId, { notesLang: 'sv' }),
      change('openSpaceTopic', topicId, { notesLang: 'ar' }),
    ]);
    expect(created.status).toBe(200);
    // A tablet that chose earlier, offline, syncs later: its older choice does not win.
    const late = {
      ...change('openSpaceTopic', topicId, { notesLang: 'fa' }),
      hlc: formatHlc({ ms: clock - 10, counter: 0 }, 'it-open-space-late'),
      deviceId: 'it-open-space-late',
    };
    expect((await push('youthCouncil', [late])).status).toBe(200);
    // Every device folds the log by the merge rule: the newest stamp wins, whatever the order.
    const log = (await pulled('official')).filter((c) => c.recordId === topicId) as unknown as SyncedChange[];
    expect(log.map((c) => c.fields.notesLang).filter(Boolean)).toEqual(['sv', 'ar', 'fa']);
    let state: RecordState | undefined;
    for (const c of log) state = applyChange(state, c, null);
    expect(state?.values.notesLang).toBe('ar');
  });

  it('keeps two topics placed in one cell by tablets that were offline (a clash the grid shows)', async () => {
    const one = uuidv7();
    const two = uuidv7();
    const place = { roomId: ROOM.id, slotId: SLOT.id };
    expect(
      (
        await push('youthCouncil', [
          change('openSpaceTopic', one, { eventId, title: 'Ett', ...place }),
          change('openSpaceTopic', two, { eventId, title: 'Två', ...place }),
        ])
      ).status,
    ).toBe(200);
    const placed = (await pulled('official')).filter((c) => c.recordId === one || c.recordId === two);
    expect(placed.map((c) => c.fields.roomId)).toEqual([ROOM.id, ROOM.id]);
  });

  it('lets the council make an action but not move it on; an official moves it and comments', async () => {
    const id = uuidv7();
    const made = await push('youthCouncil', [
      change('openSpaceAction', id, {
        eventId,
        topicId: null,
        recommendation: 'Kvällsbuss',
        title: 'Utred kvällsbuss',
        ownerKind: 'committee',
        ownerName: 'Tekniska nämnden',
        dueDate: '2020-01-01',
        status: 'open',
        createdAt: new Date().toISOString(),
      }),
    ]);
    expect(made.status).toBe(200);
    // The council's tablet may not finish it: refused with a notice, and set back.
    const finish = await push('youthCouncil', [change('openSpaceAction', id, { status: 'done' }, 'finish')]);
    expect(finish.status).toBe(200);
    expect(finish.body.notices).toEqual([expect.objectContaining({ code: 'command_refused' })]);
    expect(String((finish.body.notices as { message: string }[])[0]!.message)).toContain('role_may_not');
    const edit = await push('youthCouncil', [change('openSpaceAction', id, { title: 'Annat' })]);
    expect(edit.status).toBe(422);

    const begin = await push('official', [change('openSpaceAction', id, { status: 'inProgress' }, 'begin')]);
    expect(begin.body.notices).toEqual([]);
    const commentId = uuidv7();
    const comment = await push('official', [
      change('openSpaceComment', commentId, {
        actionId: id,
        eventId,
        text: 'Utreds i vår',
        date: '2026-04-01',
        author: 'Eva',
        createdAt: new Date().toISOString(),
      }),
    ]);
    expect(comment.status).toBe(200);
    const changed = await push('politician', [change('openSpaceComment', commentId, { text: 'Annat' })]);
    expect(changed.status).toBe(422);
    expect(changed.body.rejected).toEqual([expect.objectContaining({ code: 'append_only' })]);
    const status = (await pulled('politician')).filter((c) => c.recordId === id && 'status' in c.fields);
    expect(status.at(-1)?.fields.status).toBe('inProgress');
  });
});
