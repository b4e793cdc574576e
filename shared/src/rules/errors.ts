/**
 * A config problem only compilation can see (a pattern RE2 refuses, a calendar nobody defined). The path points
 * into the config so the admin page can put the message next to the offending field; config/compile turns it
 * into an InvalidInputError.
 */
export class ConfigError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
