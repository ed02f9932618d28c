// Company names are written into widget.js at build time (vite.config.ts) from core's
// taxonomy, so the widget shows "OpenAI", not "openai", without shipping the taxonomy code.
declare const __RADAR_COMPANY_NAMES__: Record<string, string> | undefined;

const companyNames: Record<string, string> = typeof __RADAR_COMPANY_NAMES__ === 'object' ? __RADAR_COMPANY_NAMES__ : {};

let regionNames: Intl.DisplayNames | null | undefined;

/** A country's name from the browser's own data ("FR" gives "France"), or its code. */
export function countryLabel(code: string): string {
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    } catch {
      regionNames = null;
    }
  }
  try {
    return regionNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

export function companyLabel(id: string): string {
  return companyNames[id] ?? id;
}
