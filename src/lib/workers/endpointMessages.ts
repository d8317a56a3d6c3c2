/** Constants the endpoint shares with the page and the data worker, without pulling in the endpoint. */

/** The message a page posts to the service worker after changing deployments. */
export const DEPLOYMENTS_CHANGED = 'lifecycle-lab/deployments-changed';

/**
 * Characters of each text the text-drift check compares, training and logged texts alike (enough
 * for its statistics, bounded work). The log keeps more (core/monitor/logSettings.ts).
 */
export const DRIFT_TEXT_CHARS = 2000;
