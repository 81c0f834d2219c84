import type { TaskHandler, TaskRegistry } from "../ports/index.ts";

/**
 * Task handlers whose module is loaded by the first job that needs one: the runner knows the
 * names from the start, the code (and the packages it imports) arrives on demand. A failed
 * load is not kept: the job fails and its retry loads again.
 */
export function lazyTasks(
  names: readonly string[],
  load: () => Promise<TaskRegistry>,
): TaskRegistry {
  let loading: Promise<TaskRegistry> | null = null;
  const registry = () => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  const handlerFor =
    (name: string): TaskHandler =>
    async (payload, job) => {
      const handler = (await registry()).get(name);
      if (!handler) throw new Error(`task ${name} is missing from its module`);
      await handler(payload, job);
    };
  return new Map(names.map((name) => [name, handlerFor(name)]));
}
