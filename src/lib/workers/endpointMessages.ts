/** The message a page posts to the service worker after changing deployments. */
export const DEPLOYMENTS_CHANGED = 'lifecycle-lab/deployments-changed';
