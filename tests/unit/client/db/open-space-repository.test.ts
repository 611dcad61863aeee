import { describe, expect, it } from 'vitest';
import { OpenSpaceActionRepository } from '../../../../src/client/db/open-space-action-repository.ts';
import { keepIds, OpenSpaceRepository, SlotTaken } from '../../../../src/client/db/open-space-repository.ts';
import { pendingChanges } from '../../../../src/client/db/index.ts';
import { applyPulledChanges } from '../../../../src/client/db/sync-apply.ts';
import { ValidationError } from '../../../../src/shared/validation/errors.ts';
import { dueInPast } from '../../../../src/shared/domain/open-space.ts';
import { yjsTextMerger } from '../../../../src/shared/sync/text-merge.ts';
import { freshDatabase, WRITER } from '../../helpers/db.ts';

function openSpace() {
  const db = freshDatabase();
  return { db, events: new OpenSpaceRepository(db), actions: new OpenSpaceActionRepository(db) };
}

const EVENT = {
  title: 'Open Space med kommunstyrelsen',
  theme: 'Fritid',
  date: '2026-03-12',
  place: 'Stadshuset',
  rooms: ['Sal A', ' Sal B ', '', 'Sal A'],
  slots: ['13.00', '14.00'],
};

describe('Open Space on the device', () => {
  it('makes an event with its rooms and slots, planned, and queues it for sync', async () => {
    const { db, events } = openSpace();
    const event = await events.createEvent(EVENT, WRITER);
    expect(event.status).toBe('planned');
    expect(event.rooms.map((r) => r.name)).toEqual(['Sal A', 'Sal B']);
    expect(event.slots).toHaveLength(2);
    const [change] = await pendingChanges(db);
    expect(change?.entity).toBe('openSpaceEvent');
    expect(change?.fields.status).toBe('planned');
  });

  it('refuses a topic with no title, saving nothing', async () => {
    const { db, events } = openSpace();
    const event = await events.createEvent(EVENT, WRITER);
    const before = (await pendingChanges(db)).length;
    const error = await events
      .createTopic({ eventId: event.id, title: '   ', convener: 'Sara' }, WRITER)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([{ field: 'title', code: 'required' }]);
    expect(await events.listTopics(event.id)).toEqual([]);
    expect(await pendingChanges(db)).toHaveLength(before);
  });

  it('posts an anonymous topic on the marketplace with its description on one line', async () => {
    const { events } = openSpace();
    const event = await events.createEvent(EVENT, WRITER);
    const topic = await events.createTopic(
      { eventId: event.id, title: 'Fritidsgården', description: 'Öppet\nlängre' },
      WRITER,
    );
    expect(topic).toMatchObject({ convener: '', description: 'Öppet längre', roomId: null, slotId: null });
  });

  it('refuses a slot already taken, naming the topic there, and moves nothing', async () => {
    const { events } = openSpace();
    const event = await events.createEvent(EVENT, WRITER);
    const cell = { roomId: event.rooms[0]!.id, slotId: event.slots[0]!.id };
    const first = await events.createTopic({ eventId: event.id, title: 'Bussar' }, WRITER);
    const second = await events.createTopic({ eventId: event.id, title: 'Skolmat' }, WRITER);
    await events.placeTopic(first.id, cell, WRITER);
    const error = await events.placeTopic(second.id, cell, WRITER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlotTaken);
    expect((error as SlotTaken).occupant.title).toBe('Bussar');
    expect(await events.getTopic(second.id)).toMatchObject({ roomId: null, slotId: null });
    // Moving a topic within its own cell, or back to the marketplace, is fine.
    await events.placeTopic(first.id, cell, WRITER);
    await events.placeTopic(first.id, null, WRITER);
    await events.placeTopic(second.id, cell, WRITER);
    expect(await events.getTopic(second.id)).toMatchObject(cell);
  });

  it('keeps room ids when rooms are renamed, so placed topics stay placed', () => {
    const before = [
      { id: 'r1', name: 'Sal A' },
      { id: 'r2', name: 'Sal B' },
    ];
    expect(keepIds(before, ['Sal B', 'Aulan'])).toEqual([
      { id: 'r2', name: 'Sal B' },
      { id: 'r1', name: 'Aulan' },
    ]);
    expect(keepIds(before, ['Sal A', 'Sal B', 'Sal C']).slice(0, 2)).toEqual(before);
  });

  it('allows an action due in the past, which is flagged', async () => {
    const { events, actions } = openSpace();
    const event = await events.createEvent(EVENT, WRITER);
    const action = await actions.create(
      {
        eventId: event.id,
        title: 'Svara ungdomsrådet',
        ownerKind: 'official',
        ownerName: 'Eva',
        dueDate: '2020-01-01',
      },
      WRITER,
    );
    expect(action.status).toBe('open');
    expect(dueInPast(action.dueDate, '2026-03-12')).toBe(true);
    const bad = await actions
      .create(
        { eventId: event.id, title: '', ownerKind: 'official', ownerName: '', dueDate: '2026-13-45' },
        WRITER,
      )
      .catch((e: unknown) => e);
    expect((bad as ValidationError).errors.map((e) => e.field).sort()).toEqual([
      'dueDate',
      'ownerName',
      'title',
    ]);
  });

  it('moves an action by its commands and keeps dated comments in date order', async () => {
    const { events, actions } = openSpace();
    const event = await events.createEvent(EVENT, WRITER);
    const action = await actions.create(
      {
        eventId: event.id,
        title: 'Fler lampor',
        ownerKind: 'committee',
        ownerName: 'Tekniska nämnden',
        dueDate: '2026-09-01',
      },
      WRITER,
    );
    expect((await actions.transition(action.id, 'begin', WRITER)).status).toBe('inProgress');
    await expect(actions.transition(action.id, 'reopen', WRITER)).rejects.toThrow(/not_allowed_now/);
    await actions.comment({ actionId: action.id, text: 'Beställt', date: '2026-05-02' }, 'Eva', WRITER);
    await actions.comment({ actionId: action.id, text: 'Utrett', date: '2026-04-01' }, 'Eva', WRITER);
    const comments = (await actions.commentsByAction([action.id])).get(action.id) ?? [];
    expect(comments.map((c) => c.text)).toEqual(['Utrett', 'Beställt']);
    expect(comments[0]).toMatchObject({ eventId: event.id, author: 'Eva' });
  });

  it('takes notes of 100,000 characters, and a further edit to them stays quick', async () => {
    const { db, events } = openSpace();
    const event = await events.createEvent(EVENT, WRITER);
    const topic = await events.createTopic({ eventId: event.id, title: 'Långa anteckningar' }, WRITER);
    const long = 'Vi pratade länge om fritidsgården. '.repeat(2858).slice(0, 100_000);
    const first = await events.editSessionText(topic.id, 'notes', long, WRITER);
    expect(first.text).toHaveLength(100_000);
    const started = performance.now();
    const next = await events.editSessionText(topic.id, 'notes', `${long} Slut.`, WRITER, first.state);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(next.text.endsWith('Slut.')).toBe(true);
    // The second edit travels as a small update, not the whole text again.
    const changes = await pendingChanges(db);
    expect(JSON.stringify(changes.at(-1)?.fields).length).toBeLessThan(500);
    expect((await events.getTopic(topic.id))?.notes).toHaveLength(100_006);
  });

  it('merges notes written on another tablet into the ones typed here, keeping both', async () => {
    const { db, events } = openSpace();
    const event = await events.createEvent(EVENT, WRITER);
    const topic = await events.createTopic({ eventId: event.id, title: 'Trygghet' }, WRITER);
    const base = await events.editSessionText(topic.id, 'recommendations', 'Mer ljus.', WRITER);
    const { TextFieldDoc } = await import('../../../../src/shared/sync/text-merge.ts');
    const other = new TextFieldDoc(base.state);
    const update = other.replace('Mer ljus. Fler vuxna ute.')!;
    await applyPulledChanges(
      db,
      'local',
      [
        {
          seq: 1,
          changeId: '0193a6b2-7c1d-7e2f-8a9b-000000000abc',
          entity: 'openSpaceTopic',
          recordId: topic.id,
          tenantId: 'local',
          fields: { recommendations: { y: update } },
          hlc: '009999999999999-0000-other',
          deviceId: 'other',
          userId: null,
        },
      ],
      1,
      yjsTextMerger,
    );
    const mine = await events.editSessionText(
      topic.id,
      'recommendations',
      'Gratis buss. Mer ljus.',
      WRITER,
      base.state,
    );
    expect(mine.text).toBe('Gratis buss. Mer ljus. Fler vuxna ute.');
    expect((await events.getTopic(topic.id))?.recommendations).toBe(mine.text);
  });
});
