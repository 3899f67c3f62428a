/**
 * Temporary directories that remove themselves, for tests that need real
 * files (configuration, agency files, bet storage).
 *
 * @module
 */

/** A temporary directory; `await using` removes it with its contents. */
export interface TempDir extends AsyncDisposable {
  /** Absolute path of the directory. */
  readonly path: string;
  /** The path of `name` inside the directory (the file is not created). */
  pathOf(name: string): string;
  /** Writes `content` to `name` inside the directory; returns its path. */
  write(name: string, content: string | Uint8Array): Promise<string>;
}

/**
 * Creates an empty temporary directory.
 *
 * @example
 * ```ts ignore
 * await using dir = await makeTempDir();
 * const path = await dir.write("config.ini", "[DEFAULT]\n");
 * ```
 */
export async function makeTempDir(): Promise<TempDir> {
  const path = await Deno.makeTempDir({ prefix: "tp0_unit_" });
  const pathOf = (name: string) => `${path}/${name}`;

  return {
    path,
    pathOf,
    async write(name, content) {
      const target = pathOf(name);
      if (typeof content === "string") {
        await Deno.writeTextFile(target, content);
      } else {
        await Deno.writeFile(target, content);
      }
      return target;
    },
    async [Symbol.asyncDispose]() {
      await Deno.remove(path, { recursive: true });
    },
  };
}

/** An environment lookup over a fixed record, for injected config. */
export function fakeEnv(
  variables: Record<string, string> = {},
): (name: string) => string | undefined {
  return (name) => Object.hasOwn(variables, name) ? variables[name] : undefined;
}

/** Runs `body` with the path of a fresh temporary directory, removed after. */
export async function withTempDir(
  body: (dir: string) => Promise<void>,
): Promise<void> {
  await using dir = await makeTempDir();
  await body(dir.path);
}

/** The names in `dir`, sorted (to check nothing was left behind). */
export async function listDir(dir: string): Promise<string[]> {
  const names = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}
