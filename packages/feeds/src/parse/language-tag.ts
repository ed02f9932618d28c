/** A language tag as feeds write it ("en_US", " EN-gb ") in BCP 47 form ("en-US"); blank gives null. */
export function languageTag(value: string | null | undefined): string | null {
  const trimmed = value?.trim().replace(/_/g, '-');
  if (!trimmed) return null;
  const [language, ...rest] = trimmed.split('-');
  return [language!.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}
