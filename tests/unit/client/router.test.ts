import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../../src/client/routes.ts';

describe('routes', () => {
  it('maps paths to screens, and anything else to not found', () => {
    const id = '0193a6b2-7c1d-7e2f-8a9b-0c1d2e3f4a5b';
    expect(parseRoute('/')).toEqual({ name: 'home' });
    expect(parseRoute('/dialogues/new')).toEqual({ name: 'newDialogue' });
    expect(parseRoute(`/dialogues/${id}`)).toEqual({ name: 'dialogue', id });
    expect(parseRoute(`/dialogues/${id}/report`)).toEqual({ name: 'dialogueReport', id });
    expect(parseRoute(`/dialogues/${id}/report/`)).toEqual({ name: 'notFound' });
    expect(parseRoute('/dialogues/new/report')).toEqual({ name: 'notFound' });
    expect(parseRoute('/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('/dialogues/<script>')).toEqual({ name: 'notFound' });
  });

  it("leads /dialogues/<id>/themes to that dialogue's themes, and nothing else there", () => {
    const id = '0193a6b2-7c1d-7e2f-8a9b-0c1d2e3f4a5b';
    expect(parseRoute(`/dialogues/${id}/themes`)).toEqual({ name: 'themes', id });
    expect(parseRoute(`/dialogues/${id}/themes/`)).toEqual({ name: 'notFound' });
    expect(parseRoute(`/dialogues/${id}/theme`)).toEqual({ name: 'notFound' });
    expect(parseRoute('/dialogues/new/themes')).toEqual({ name: 'notFound' });
    expect(parseRoute(`/dialogues/${id}/themes/x`)).toEqual({ name: 'notFound' });
  });
});
