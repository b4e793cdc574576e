/** The site's pairing has no alert channel yet: nothing can be posted, so Forge should try again later. */
export class NoAlertChannelError extends Error {
  constructor(tenant: string) {
    super(`no alert channel chosen for ${tenant}`);
    this.name = 'NoAlertChannelError';
  }
}
