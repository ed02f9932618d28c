import { folderKey } from '@radar/core';

/**
 * The Folders list of the stream: the folders the view's stories are in (as the API names
 * them) and those chosen, one entry per folder however its name is written ("Press", "press"),
 * since the filter compares names folded. `selected` names the entries chosen.
 */
export function folderChoices(counted: readonly string[], chosen: readonly string[]): { names: string[]; selected: string[] } {
  const byKey = new Map<string, string>();
  for (const name of [...counted, ...chosen]) if (!byKey.has(folderKey(name))) byKey.set(folderKey(name), name);
  const chosenKeys = new Set(chosen.map(folderKey));
  const names = [...byKey.values()].sort((a, b) => a.localeCompare(b));
  return { names, selected: names.filter((name) => chosenKeys.has(folderKey(name))) };
}

/** The folders chosen once an entry is ticked or unticked: unticking drops every spelling of it. */
export function toggleFolder(chosen: readonly string[], name: string, checked: boolean): string[] {
  const rest = chosen.filter((folder) => folderKey(folder) !== folderKey(name));
  return (checked ? [...rest, name] : rest).sort();
}
