/** A registered d_map_init handle and what it was registered with. */
export interface DmaHandleRecord {
  readonly id: number;
  readonly bid: number;
  readonly flags: number;
  readonly busFlags: number;
  readonly channel: number;
  live: number;
}

export class HandleTable {
  private readonly handles = new Map<number, DmaHandleRecord>();
  private next = 1;

  get size(): number {
    return this.handles.size;
  }

  register(bid: number, flags: number, busFlags: number, channel: number): DmaHandleRecord {
    const h: DmaHandleRecord = { id: this.next++, bid, flags, busFlags, channel, live: 0 };
    this.handles.set(h.id, h);
    return h;
  }

  get(id: number): DmaHandleRecord | undefined {
    return this.handles.get(id);
  }

  clear(id: number): void {
    this.handles.delete(id);
  }
}
