// Translation keys are typed from the Swedish source files: a key that does not exist there is a
// type error in svelte-check. Add a line here for each new namespace file in locales/sv/.
import 'i18next';
import type app from '../../../locales/sv/app.json';
import type accounts from '../../../locales/sv/accounts.json';
import type sync from '../../../locales/sv/sync.json';
import type dialogueForm from '../../../locales/sv/dialogueForm.json';
import type crc from '../../../locales/sv/crc.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: {
      app: typeof app;
      accounts: typeof accounts;
      sync: typeof sync;
      dialogueForm: typeof dialogueForm;
      crc: typeof crc;
    };
  }
}
