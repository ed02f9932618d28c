import { foldText } from '@radar/core';

/** Up to two letters for a company's badge: "Meta" → "Me", "OpenAI" → "OA", "NSO Group" → "NG". */
export function companyInitials(name: string): string {
  const words = name.split(/[\s.-]+/).filter(Boolean);
  if (words.length > 1) return (words[0]![0]! + words[1]![0]!).toUpperCase();
  const word = words[0] ?? '?';
  const capitals = word.slice(1).match(/[A-Z]/);
  return capitals ? (word[0]! + capitals[0]).toUpperCase() : word.slice(0, 2).replace(/^./, (c) => c.toUpperCase());
}

/** A stable hue (0-359) per company id, so a badge keeps its colour everywhere. */
export function companyHue(id: string): number {
  let hash = 0;
  for (const char of foldText(id)) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 360;
}
