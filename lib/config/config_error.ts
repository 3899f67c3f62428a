/**
 * A setting that is missing, malformed or out of range. Carries the key and
 * the raw value so the one-line error names both.
 */
export class ConfigError extends Error {
  /** The setting's key as the user writes it (file key or env var). */
  readonly key: string;
  /** The raw value received, or `undefined` when the key was absent. */
  readonly value: string | undefined;

  /** Creates the error; `problem` says what is wrong with the value. */
  constructor(
    key: string,
    value: string | undefined,
    problem: string,
    options?: ErrorOptions,
  ) {
    const shown = value === undefined ? "(missing)" : JSON.stringify(value);
    super(`Cannot read setting ${key}=${shown}: ${problem}`, options);
    this.name = "ConfigError";
    this.key = key;
    this.value = value;
  }
}
