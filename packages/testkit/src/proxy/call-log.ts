/** One call the proxy saw, for `GET /__testkit/calls`. */
export interface CallRecord {
  readonly seq: number;
  /** ISO time the request arrived. */
  readonly time: string;
  readonly service: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly operation: string;
  /** HTTP status sent back (0 when the connection was dropped). */
  readonly status: number;
  /** Who answered: moto, a proxy fixture, or an injected fault. */
  readonly source: 'moto' | 'fixture' | 'fault';
  readonly faulted: boolean;
  readonly errorCode: string | undefined;
  readonly durationMs: number;
  /** The caller's User-Agent (gm identifies itself as app/geusemaker/<version>). */
  readonly userAgent: string;
}

export interface CallFilter {
  service?: string;
  operation?: string;
  /** Only calls signed with this access key id (how parallel tests keep their calls apart). */
  accessKeyId?: string;
}

export class CallLog {
  private records: CallRecord[] = [];
  private seq = 0;

  add(record: Omit<CallRecord, 'seq'>): void {
    this.seq += 1;
    this.records.push({ ...record, seq: this.seq });
  }

  list(filter: CallFilter = {}): CallRecord[] {
    const wanted = (expected: string | undefined, actual: string) => expected === undefined || expected === actual;
    return this.records.filter(
      (r) => wanted(filter.service, r.service) && wanted(filter.operation, r.operation) && wanted(filter.accessKeyId, r.accessKeyId),
    );
  }

  clear(): void {
    this.records = [];
  }
}
