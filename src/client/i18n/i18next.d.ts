// Translation keys are typed from the Swedish source files: a key that does not exist there is a
// type error in svelte-check. Add a line here for each new namespace file in locales/sv/.
import 'i18next';
import type app from '../../../locales/sv/app.json';
import type accounts from '../../../locales/sv/accounts.json';
import type session from '../../../locales/sv/session.json';
import type sync from '../../../locales/sv/sync.json';
import type participate from '../../../locales/sv/participate.json';
import type capture from '../../../locales/sv/capture.json';
import type photos from '../../../locales/sv/photos.json';
import type dialogueForm from '../../../locales/sv/dialogueForm.json';
import type crc from '../../../locales/sv/crc.json';
import type themes from '../../../locales/sv/themes.json';
import type report from '../../../locales/sv/report.json';
import type voting from '../../../locales/sv/voting.json';
import type openSpace from '../../../locales/sv/openSpace.json';
import type proposals from '../../../locales/sv/proposals.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: {
      app: typeof app;
      accounts: typeof accounts;
      session: typeof session;
      sync: typeof sync;
      participate: typeof participate;
      capture: typeof capture;
      photos: typeof photos;
      dialogueForm: typeof dialogueForm;
      crc: typeof crc;
      themes: typeof themes;
      report: typeof report;
      voting: typeof voting;
      openSpace: typeof openSpace;
      proposals: typeof proposals;
    };
  }
}
