import { dashboardSearch, type DashboardQuery } from './dashboard-query.ts';

/**
 * The view (filter and time range) the analyst last looked at, so the Stream and Overview
 * links keep it when they come back from another page.
 */
class ViewMemory {
  /** `?country=FR&range=24h`, or '' for the plain stream. */
  search = $state('');

  remember(query: DashboardQuery): void {
    this.search = dashboardSearch({ ...query, story: null });
  }
}

export const viewMemory = new ViewMemory();
