// Idempotency records on disk (see JsonLinesFile); the last record of a (scope, key) wins.
import { JsonLinesFile } from '../storage/json-lines-file';
import type { IdempotencyRecord } from './records';
import { recordId } from './records';

export class IdempotencyFileStore {
  private constructor(
    private readonly file: JsonLinesFile<IdempotencyRecord>,
    private readonly records: Map<string, IdempotencyRecord>,
  ) {}

  static async open(path: string): Promise<IdempotencyFileStore> {
    const { file, records: lines } = await JsonLinesFile.open<IdempotencyRecord>(path);
    const records = new Map(lines.map((record) => [recordId(record.scope, record.key), record]));
    // Compact when superseded lines dominate, so the file grows with the keys, not with every state change.
    if (lines.length > 2 * records.size + 100) await file.replaceAll([...records.values()]);
    return new IdempotencyFileStore(file, records);
  }

  get(scope: string, key: string): IdempotencyRecord | undefined {
    return this.records.get(recordId(scope, key));
  }

  /** Resolves once the record is durable; only then is it visible to get(). */
  async put(record: IdempotencyRecord): Promise<void> {
    await this.file.append(record);
    this.records.set(recordId(record.scope, record.key), record);
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
