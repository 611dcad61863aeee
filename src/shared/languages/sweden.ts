/**
 * Sweden's national minority languages (lag 2009:724 om nationella minoriteter och
 * minoritetsspråk): Finnish, Meänkieli, the Sami languages spoken in Sweden (North, Lule, South,
 * Pite, Ume), Romani chib and Yiddish. The language picker suggests them after the app's own.
 */
export const NATIONAL_MINORITY_LANGUAGES: readonly string[] = [
  'fi',
  'fit',
  'se',
  'smj',
  'sma',
  'sje',
  'sju',
  'rom',
  'yi',
];
