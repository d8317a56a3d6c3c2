/**
 * Whether the app's navigation shows in the facilitator view: hidden there for the projector
 * (more room for the chart, nothing to distract), brought back by a button or the N / Escape keys.
 */
class PresenterChrome {
  navShown = $state(false);

  toggleNav(): void {
    this.navShown = !this.navShown;
  }
}

export const presenterChrome = new PresenterChrome();
