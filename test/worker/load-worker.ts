// Loads src/worker.ts (the pool's `main`, the same module instance `exports.default` serves)
// before each file's tests, so its ~1–3 s of first-load transform lands in setup, not in the
// first test's timeout.
import "../../src/worker.ts";
