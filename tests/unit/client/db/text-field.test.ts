import { describe, expect, it } from 'vitest';
import { pendingChanges } from '../../../../src/client/db/index.ts';
import { applyPulledChanges } from '../../../../src/client/db/sync-apply.ts';
import { TextFieldDoc } from '../../../../src/shared/sync/text-merge.ts';
import { formatHlc } from '../../../../src/shared/sync/hlc.ts';
import { freshRepositories, WRITER } from '../../helpers/db.ts';

describe('text fields that merge', () => {
  it('keeps words that arrived from another tablet while someone was typing', async () => {
    const repos = freshRepositories();
    const dialogue = await repos.dialogues.create({ title: 'T', question: 'Q' }, WRITER);
    const first = await repos.dialogues.editDescription(dialogue.id, 'Vi pratade om ljus.', WRITER);
    // The text area was loaded now: its base is `first`.
    const base = first.state;
    // Meanwhile another tablet appends a sentence, and it is pulled.
    const other = new TextFieldDoc(base);
    const update = other.replace('Vi pratade om ljus. Bussarna går för sällan.')!;
    await applyPulledChanges(
      repos.db,
      'local',
      [
        {
          seq: 1,
          changeId: '0193a6b2-7c1d-7e2f-8a9b-000000000abc',
          entity: 'dialogue',
          recordId: dialogue.id,
          tenantId: 'local',
          fields: { description: { y: update } },
          hlc: formatHlc({ ms: Date.now() + 1000, counter: 0 }, 'other-tablet'),
          deviceId: 'other-tablet',
          userId: null,
        },
      ],
      1,
      (await import('../../../../src/shared/sync/text-merge.ts')).yjsTextMerger,
    );
    // The person still sees the old text and adds their own sentence at the start.
    const result = await repos.dialogues.editDescription(
      dialogue.id,
      'Trygghet först. Vi pratade om ljus.',
      WRITER,
      base,
    );
    expect(result.text).toContain('Trygghet först.');
    expect(result.text).toContain('Bussarna går för sällan.');
    expect((await repos.dialogues.get(dialogue.id))?.description).toBe(result.text);
  });

  it('queues a Yjs update, not the whole text, and nothing when the text did not change', async () => {
    const repos = freshRepositories();
    const dialogue = await repos.dialogues.create({ title: 'T', question: 'Q' }, WRITER);
    const saved = await repos.dialogues.editDescription(dialogue.id, 'Anteckningar', WRITER);
    await repos.dialogues.editDescription(dialogue.id, 'Anteckningar', WRITER, saved.state);
    const changes = (await pendingChanges(repos.db)).filter((c) => 'description' in c.fields);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.fields.description).toEqual({ y: expect.any(String) });
  });

  it('refuses notes over the limit and keeps what was there', async () => {
    const repos = freshRepositories();
    const dialogue = await repos.dialogues.create({ title: 'T', question: 'Q' }, WRITER);
    await repos.dialogues.editDescription(dialogue.id, 'Kort', WRITER);
    await expect(repos.dialogues.editDescription(dialogue.id, 'x'.repeat(20_001), WRITER)).rejects.toThrow(
      /tooLong|Invalid/,
    );
    expect((await repos.dialogues.description(dialogue.id)).text).toBe('Kort');
  });

  it("keeps a theme's merged summary on the theme itself, where the themes screen reads it", async () => {
    const repos = freshRepositories();
    const dialogue = await repos.dialogues.create({ title: 'T', question: 'Q' }, WRITER);
    const theme = await repos.themes.create({ dialogueId: dialogue.id, name: 'Trygghet' }, WRITER);
    const saved = await repos.themes.editSummary(theme.id, 'Ljus i parken', WRITER);
    expect(saved.text).toBe('Ljus i parken');
    expect((await repos.themes.summary(theme.id)).text).toBe('Ljus i parken');
    expect((await repos.db.themes.get(theme.id))?.summary).toBe('Ljus i parken');
  });
});
