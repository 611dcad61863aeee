// Translation keys are typed from the Swedish source file: a key that does not exist there is a
// type error in svelte-check.
import 'i18next';
import type sv from '../../../locales/sv/app.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: { app: typeof sv };
  }
}
