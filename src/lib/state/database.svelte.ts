import { connect } from '$lib/db';
import { notices } from './notices.svelte';

/** The page's one connection to the app database. */
export const db = connect({
  onVersionChange: () =>
    notices.push(
      'error',
      'Lifecycle Lab was updated in another tab, so this tab stopped saving. Reload this page to continue; nothing saved so far is lost.',
      true,
    ),
  onBlocked: () =>
    notices.push('info', 'Lifecycle Lab is upgrading its storage. Close other tabs of Lifecycle Lab to let it finish.'),
});
