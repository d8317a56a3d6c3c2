import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { appUpdate } from '$lib/state/appUpdate.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('#app element missing from index.html');
export default mount(App, { target });

// The local prediction endpoint, the offline copy and updates live in the service worker (built
// app only: the dev server serves sources, not the bundled worker).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  appUpdate.register().catch((error) => console.warn('Service worker not registered', error));
}
