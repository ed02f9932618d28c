/** Lower-cases and strips accents so "Élysée" matches "elysee". */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}
