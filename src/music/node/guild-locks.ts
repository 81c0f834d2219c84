/**
 * One chain of work per guild inside this process: a job and a track event of the same guild
 * never interleave (Postgres row locks order them across processes).
 */
export class GuildLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(guildId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(guildId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.tails.set(guildId, tail);
    void tail.then(() => {
      if (this.tails.get(guildId) === tail) this.tails.delete(guildId);
    });
    return next;
  }
}
