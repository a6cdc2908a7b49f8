// Durable append-only JSON lines: each append is fsync'ed before it resolves, appends never interleave, and a torn
// last line left by a crash (never acknowledged to anyone) is cut off on open so later appends stay readable.
import { mkdir, open, readFile, rename, truncate, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';

export class JsonLinesFile<T> {
  #handle: FileHandle;
  #queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    handle: FileHandle,
  ) {
    this.#handle = handle;
  }

  /** Opens (creating it and its directory, owner-only) and returns the file and the records it holds. */
  static async open<T>(file: string): Promise<{ file: JsonLinesFile<T>; records: T[] }> {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const text = await readFile(file, 'utf8').catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') return '';
      throw err;
    });
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    if (complete.length < text.length) await truncate(file, Buffer.byteLength(complete));
    const records = complete
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as T);
    return { file: new JsonLinesFile<T>(file, await open(file, 'a', 0o600)), records };
  }

  /** Resolves once the record is on disk. */
  append(record: T): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    return this.#enqueue(async () => {
      await this.#handle.appendFile(line, 'utf8');
      await this.#handle.sync();
    });
  }

  /** Replaces the whole file atomically (write aside, then rename), e.g. to drop superseded records. */
  replaceAll(records: readonly T[]): Promise<void> {
    return this.#enqueue(async () => {
      const aside = `${this.file}.tmp`;
      await writeFile(aside, records.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600, flush: true });
      await this.#handle.close();
      await rename(aside, this.file);
      this.#handle = await open(this.file, 'a', 0o600);
    });
  }

  async close(): Promise<void> {
    await this.#queue;
    await this.#handle.close();
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(work);
    // A failed write must not wedge later ones; the failure still reaches its own caller.
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
