const names = new Intl.DisplayNames(['en'], { type: 'language' });

/**
 * The English name of a story's language, or null for English and unknown languages:
 * most readers read English, so only the others are worth a label.
 */
export function languageName(lang: string | null): string | null {
  const code = lang?.trim().toLowerCase().split(/[-_]/)[0];
  if (!code || code === 'en' || !/^[a-z]{2,3}$/.test(code)) return null;
  try {
    const name = names.of(code);
    return name && name !== code ? name : null;
  } catch {
    return null;
  }
}
