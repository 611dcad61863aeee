/**
 * Narrowing the 54 articles of the Convention on the Rights of the Child by what is typed: a number
 * ("12", also in Arabic-Indic digits "١٢") or words from the title ("lek", "åsikt"), in any order.
 * Every typed word must match; a number matches the articles whose number begins with it, so "1"
 * keeps 1 and 10–19 while it is being typed and "12" keeps only 12.
 */

export interface ArticleOption {
  readonly number: number;
  /** As shown beside the checkbox: "Artikel 12 – Rätt att uttrycka sin åsikt och bli hörd". */
  readonly label: string;
}

const ARABIC_INDIC = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Western digits for Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹) ones. */
export function westernDigits(text: string): string {
  return text.replace(ARABIC_INDIC, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/**
 * Folded for matching: lower case, without accents or Arabic vowel marks, without tatweel, with
 * Western digits. Lenient on purpose: "halsa" finds "hälsa", "اراء" finds "آراء".
 */
export function fold(text: string): string {
  return westernDigits(text)
    .normalize('NFD')
    .replace(/[\p{M}\u0640]/gu, '')
    .toLowerCase();
}

function words(query: string): string[] {
  return fold(query)
    .split(/[\s,.;:–—-]+/u)
    .filter((word) => word.length > 0);
}

/** The options that match `query`, in the order given; all of them for an empty query. */
export function filterArticles<T extends ArticleOption>(options: readonly T[], query: string): T[] {
  const wanted = words(query);
  if (wanted.length === 0) return [...options];
  return options.filter((option) => {
    const label = fold(option.label);
    return wanted.every((word) =>
      /^\d+$/.test(word) ? String(option.number).startsWith(word) : label.includes(word),
    );
  });
}
