import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../../../src/client/routes.ts';

const ID = '0193a6b2-0000-7000-8000-0000000000aa';

describe('the proposals feature’s addresses', () => {
  it('leads each path to its screen', () => {
    expect(parseRoute('/proposals')).toEqual({ name: 'proposals', screen: 'archive' });
    expect(parseRoute('/proposals/new')).toEqual({ name: 'proposals', screen: 'new' });
    expect(parseRoute('/proposals/follow-up')).toEqual({ name: 'proposals', screen: 'followUp' });
    expect(parseRoute('/proposals/import')).toEqual({ name: 'proposals', screen: 'import' });
    expect(parseRoute('/cohorts')).toEqual({ name: 'proposals', screen: 'cohorts' });
    expect(parseRoute(`/proposals/${ID}`)).toEqual({ name: 'proposals', screen: 'page', id: ID });
    expect(parseRoute(`/proposals/${ID}/edit`)).toEqual({ name: 'proposals', screen: 'edit', id: ID });
    expect(parseRoute(`/proposals/${ID}/print`)).toEqual({ name: 'proposals', screen: 'print', id: ID });
  });

  it('finds nothing at paths that only look like them', () => {
    for (const path of [
      '/proposals/',
      `/proposals/${ID}edit`,
      `/proposals/${ID}/delete`,
      '/proposals/old',
      '/cohorts/x',
    ])
      expect(parseRoute(path), path).toEqual({ name: 'notFound' });
  });
});
