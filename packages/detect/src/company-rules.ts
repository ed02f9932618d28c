import { KNOWLEDGE } from './knowledge.ts';
import type { Language } from './story-language.ts';
import type { CueHit, StoryCues } from './story-cues.ts';

/** A company tagged for a story, and why. */
export interface CompanyFinding {
  id: string;
  hit: CueHit;
  rule: string;
}

/** Words that make "meta" the Spanish, Portuguese or Italian word for a goal. */
const META_DETERMINERS = new Set(['la', 'a', 'una', 'uma', 'sua', 'su', 'esta', 'essa', 'nuestra', 'nossa', 'questa', 'cada', 'primera', 'primeira', 'prima', 'meta']);
/** Words after "Claude"/"Alexa" that keep them products ("Claude 3", "Claude Code"). */
const PRODUCT_WORDS = new Set(['ai', 'code', 'opus', 'sonnet', 'haiku', 'instant', 'pro', 'max', 'chatbot', 'app']);
/** Ranking words that make "after WhatsApp" or "ahead of TikTok" a comparison. */
const RANKING = /\b(?:second|third|fourth|most|largest|biggest|popular|behind|only|trails?|top|ranked|ranking)\b/;
/** "competes with YouTube", "a rival to ChatGPT": a yardstick, not a party to the story. */
const RIVAL_WITH = new Set(['competes', 'compete', 'competing', 'rivals', 'rivalling', 'rivaling']);
const RIVAL_TO = new Set(['rival', 'rivals', 'alternative', 'alternatives', 'competitor', 'competitors', 'challenger', 'answer']);
/** Roles after "former <Company>" that make the company a person's past ("former OpenAI chief scientist Ilya Sutskever"). */
const ROLES = new Set(['chief', 'ceo', 'cto', 'cfo', 'executive', 'engineer', 'researcher', 'scientist', 'founder', 'co-founder', 'cofounder', 'president', 'head', 'director', 'manager', 'employee', 'staffer', 'board', 'member', 'official', 'vice', 'senior', 'lead', 'policy', 'safety', 'product', 'research', 'technology', 'technical', 'operating', 'financial', 'officer']);

/** Decides which company names found in a story are the companies taking part in it. */
export function findCompanies(cues: StoryCues, lang: Language): CompanyFinding[] {
  const findings: CompanyFinding[] = [];
  const compared = new Map<string, boolean>();
  for (const hit of cues.entities) {
    if (hit.cue.kind !== 'company') continue;
    const { id, guarded } = hit.cue;
    const surface = hit.field.text.slice(hit.start, hit.end);
    if (KNOWLEDGE.companyPersonNames.has(surface) && looksLikePerson(hit)) continue;
    if (id === 'meta' && lang !== 'en' && surface.toLowerCase() === 'meta' && isGoalWord(hit)) continue;
    if (id === 'x' && /^[-\d]/.test(hit.field.text.slice(hit.end, hit.end + 1))) continue;
    let rule = 'company-name';
    if (guarded) {
      const near = nearConfirms(hit);
      const acted = !near && objectOfStateAct(hit, cues);
      const listed = !near && !acted && inListOfCompanies(hit, cues);
      if (!near && !acted && !listed && !hasContext(hit, cues)) continue;
      rule = near ? 'company-name-near' : acted ? 'company-acted-on' : listed ? 'company-in-list' : 'company-name-in-context';
    }
    const comparison = isComparison(hit) || listedAfterComparison(hit, findings);
    const past = !comparison && isPersonsPastEmployer(hit);
    compared.set(id, (compared.get(id) ?? true) && (comparison || past));
    findings.push({ id, hit, rule: comparison ? 'company-comparison' : past ? 'company-person-past' : rule });
  }
  // A company named only as a yardstick ("second only to WhatsApp") is not in the story.
  return findings.filter((f) => !compared.get(f.id));
}

function nearConfirms(hit: CueHit): boolean {
  if (hit.cue.kind !== 'company') return false;
  const near = KNOWLEDGE.companyNear.get(hit.cue.id);
  if (!near) return false;
  const tokens = hit.field.tokens;
  const index = hit.afterToken;
  if (hit.field.folded[hit.end] === "'" && tokens[index]?.word === 's') return true;
  const next = tokens[index];
  return next !== undefined && near.has(next.word) && next.sentence === tokens[hit.firstToken]?.sentence;
}

/** "fined Amazon", "bloque Telegram": a state act falls on companies, not rivers or words. */
function objectOfStateAct(hit: CueHit, cues: StoryCues): boolean {
  const verbs = cues.stateVerbStart.get(hit.field);
  if (!verbs) return false;
  const tokens = hit.field.tokens;
  for (let i = hit.firstToken - 1; i >= Math.max(0, hit.firstToken - 3); i--) {
    if (tokens[i]!.sentence !== tokens[hit.firstToken]?.sentence) return false;
    if (verbs.has(i) && !tokens[i]!.capitalised) return true;
  }
  return false;
}

/** "Google, Meta e Amazon": a name in a list of companies is a company. */
function inListOfCompanies(hit: CueHit, cues: StoryCues): boolean {
  const tokens = hit.field.tokens;
  const LINKS = /^\s*(?:,|and|or|e|y|et|und|ed|&)\s*$/i;
  return cues.entities.some((e) => {
    if (e === hit || e.field !== hit.field || e.cue.kind !== 'company' || e.cue.guarded) return false;
    if (e.afterToken === hit.firstToken || e.afterToken + 1 === hit.firstToken) return LINKS.test(hit.field.text.slice(e.end, hit.start));
    if (hit.afterToken === e.firstToken || hit.afterToken + 1 === e.firstToken) return LINKS.test(hit.field.text.slice(hit.end, e.start));
    return false;
  }) && tokens.length > 0;
}

function hasContext(hit: CueHit, cues: StoryCues): boolean {
  if (hit.cue.kind !== 'company') return false;
  const id = hit.cue.id;
  return cues.companyContext.some(
    (c) => c.cue.kind === 'company-context' && c.cue.ids.includes(id) && !(c.field === hit.field && c.start < hit.end && hit.start < c.end),
  ) || cues.entities.some((e) => e.cue.kind === 'company' && e.cue.id === id && !e.cue.guarded);
}

/** Words after "meta" that make it a goal ("la meta de déficit", "a meta fiscal"). */
const GOAL_NEXT = new Set(['de', 'del', 'do', 'da', 'dos', 'di', 'della', 'dello', 'fiscal', 'anual', 'annuale', 'final', 'finale', 'principal']);

/**
 * "la meta de déficit": a goal, not the company. Only a capitalised "Meta" can be either
 * (lower case never matches the company), so a determiner alone is not enough: in
 * Portuguese "a Meta anunciou" is the company.
 */
function isGoalWord(hit: CueHit): boolean {
  const tokens = hit.field.tokens;
  const prev = tokens[hit.firstToken - 1];
  if (prev === undefined || !META_DETERMINERS.has(prev.word)) return false;
  const next = tokens[hit.afterToken];
  return hit.field.titleCase || (next !== undefined && GOAL_NEXT.has(next.word));
}

function looksLikePerson(hit: CueHit): boolean {
  const tokens = hit.field.tokens;
  const next = tokens[hit.afterToken];
  const prev = tokens[hit.firstToken - 1];
  if (prev && hit.field.text[hit.start - 1] === '-' && prev.capitalised) return true;
  if (!next || hit.field.titleCase || !/^\s+$/.test(hit.field.text.slice(hit.end, next.start))) return false;
  return next.capitalised && !PRODUCT_WORDS.has(next.word) && !/^\d/.test(next.word);
}

function isComparison(hit: CueHit): boolean {
  const tokens = hit.field.tokens;
  const prev = tokens[hit.firstToken - 1];
  if (!prev) return false;
  const beforePrev = tokens[hit.firstToken - 2];
  if (prev.word === 'than') return true;
  if (prev.word === 'with' && beforePrev && RIVAL_WITH.has(beforePrev.word)) return true;
  // "a chatbot that rivals ChatGPT" (the verb; "its rivals Google and Meta" names parties).
  if ((prev.word === 'rivals' || prev.word === 'rivalling' || prev.word === 'rivaling') && beforePrev && ['that', 'which', 'says', 'it'].includes(beforePrev.word)) return true;
  if (prev.word === 'to' && beforePrev && RIVAL_TO.has(beforePrev.word)) return true;
  const ranked = prev.word === 'after' || prev.word === 'to' || prev.word === 'behind' || (prev.word === 'of' && beforePrev?.word === 'ahead');
  if (ranked) {
    const sentenceStart = tokens.findIndex((t) => t.sentence === prev.sentence);
    const before = hit.field.folded.slice(tokens[sentenceStart]!.start, prev.start);
    return RANKING.test(before);
  }
  return false;
}

/** "ahead of TikTok and Instagram": the rest of a list of yardsticks is one too. */
function listedAfterComparison(hit: CueHit, findings: CompanyFinding[]): boolean {
  const previous = findings.at(-1);
  if (!previous || previous.rule !== 'company-comparison' || previous.hit.field !== hit.field) return false;
  return /^\s*(?:,|,?\s*and|,?\s*or)\s*$/i.test(hit.field.text.slice(previous.hit.end, hit.start));
}

/** "former OpenAI chief scientist Ilya Sutskever": the company is a person's past, not in the story. */
function isPersonsPastEmployer(hit: CueHit): boolean {
  const tokens = hit.field.tokens;
  const prev = tokens[hit.firstToken - 1];
  if (!prev || !(prev.word === 'former' || (prev.word === 'ex' && hit.field.text[hit.start - 1] === '-'))) return false;
  let cursor = hit.afterToken;
  let roles = 0;
  while (tokens[cursor] && ROLES.has(tokens[cursor]!.word) && roles < 4) {
    cursor++;
    roles++;
  }
  const name = tokens[cursor];
  // A named person follows the role: a biography, not the company's own act.
  return roles > 0 && name !== undefined && name.capitalised && !hit.field.titleCase && name.sentence === prev.sentence;
}
