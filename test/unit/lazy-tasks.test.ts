import { describe, expect, it } from "vitest";
import type { JobInfo, TaskHandler } from "../../src/ports/index.ts";
import { lazyTasks } from "../../src/runtime/lazy-tasks.ts";

const info: JobInfo = { id: "1", attempt: 1, maxAttempts: 3, runAt: new Date(0) };

describe("lazyTasks", () => {
  it("names its tasks at once and loads their module on the first job only", async () => {
    const ran: unknown[] = [];
    let loads = 0;
    const tasks = lazyTasks(["a", "b"], async () => {
      loads++;
      const handler: TaskHandler = async (payload) => {
        ran.push(payload);
      };
      return new Map([
        ["a", handler],
        ["b", handler],
      ]);
    });
    expect([...tasks.keys()]).toEqual(["a", "b"]);
    expect(loads).toBe(0);
    await Promise.all([tasks.get("a")?.({ n: 1 }, info), tasks.get("b")?.({ n: 2 }, info)]);
    await tasks.get("a")?.({ n: 3 }, info);
    expect(loads).toBe(1);
    expect(ran).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it("fails the job when the module fails to load, and loads again for the retry", async () => {
    let loads = 0;
    const tasks = lazyTasks(["a"], async () => {
      loads++;
      if (loads === 1) throw new Error("module failed to load");
      return new Map([["a", async () => {}]]);
    });
    await expect(tasks.get("a")?.(null, info)).rejects.toThrow("module failed to load");
    await expect(tasks.get("a")?.(null, info)).resolves.toBeUndefined();
    expect(loads).toBe(2);
  });

  it("fails a job whose task the loaded module does not have", async () => {
    const tasks = lazyTasks(["a", "missing"], async () => new Map([["a", async () => {}]]));
    await expect(tasks.get("missing")?.(null, info)).rejects.toThrow("task missing is missing");
  });
});
