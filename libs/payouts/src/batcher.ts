/** The outcome of one item of a batch: its value, or the error that item alone failed with. */
export type ItemResult<O> = { ok: true; value: O } | { ok: false; error: unknown };

/**
 * Groups the calls that arrive while earlier batches are in flight into one batch (up to `maxSize`),
 * like a database's group commit: under load, many concurrent queue jobs share each round trip; alone,
 * a call waits only for the current tick. At most `maxInFlight` batches run at once.
 *
 * `run` answers one result per item, in order; if it throws, every item of the batch fails with it.
 */
export class Batcher<I, O> {
  private queue: Array<{ item: I; resolve: (value: O) => void; reject: (error: unknown) => void }> = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: I[]) => Promise<Array<ItemResult<O>>>,
    private readonly maxSize: number,
    private readonly maxInFlight: number,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // The rest of this tick's calls join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxSize);
      this.inFlight++;
      this.run(batch.map((b) => b.item))
        .then(
          (results) =>
            batch.forEach((b, i) => {
              const result = results[i];
              if (!result) b.reject(new Error('batch answered fewer results than items'));
              else if (result.ok) b.resolve(result.value);
              else b.reject(result.error);
            }),
          (error) => batch.forEach((b) => b.reject(error)),
        )
        .finally(() => {
          this.inFlight--;
          this.schedule();
        });
    }
  }
}
