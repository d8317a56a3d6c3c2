/** Constants the endpoint shares with the page and the data worker, without pulling in the endpoint. */

/** The message a page posts to the service worker after changing deployments. */
export const DEPLOYMENTS_CHANGED = 'lifecycle-lab/deployments-changed';

/** Characters of each input kept in the prediction log (enough for drift statistics, bounded storage). */
export const MAX_LOGGED_TEXT = 2000;
