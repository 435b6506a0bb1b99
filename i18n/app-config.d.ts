import type en from '../messages/en.json';
import type { Locale } from './locales';

// Every `t('…')` key is checked against the English catalogue at compile time.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
