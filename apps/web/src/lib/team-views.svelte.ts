import type { TeamView } from '@radar/core';
import { fetchTeamViews, teamViewAdmin } from './api-client.ts';

const byName = (a: TeamView, b: TeamView) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/**
 * The views the team shares, read from the server: everyone sees them; sharing and removing
 * one needs the admin token. Read again every few minutes, so a view a colleague shared shows up.
 */
export class TeamViews {
  views = $state.raw<TeamView[]>([]);
  /** Why they could not be read, when they could not. */
  error = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      this.views = await fetchTeamViews();
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** Reads them now and every `everyMs`; returns the stop. */
  follow(everyMs = 5 * 60_000): () => void {
    void this.load();
    const timer = setInterval(() => void this.load(), everyMs);
    return () => clearInterval(timer);
  }

  /** Shares a view under a name; a team view of that name is replaced. */
  async share(name: string, search: string, token: string): Promise<TeamView> {
    const saved = await teamViewAdmin.save({ name: name.trim(), search }, token);
    this.views = [...this.views.filter((view) => view.id !== saved.id && view.name !== saved.name), saved].sort(byName);
    return saved;
  }

  async remove(id: string, token: string): Promise<void> {
    await teamViewAdmin.remove(id, token);
    this.views = this.views.filter((view) => view.id !== id);
  }
}

export const teamViews = new TeamViews();
