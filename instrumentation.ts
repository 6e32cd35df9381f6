/** Runs once when the server starts; the Node-only work lives in instrumentation-node.ts. */
export async function register() {
  // Not during `next build`: building must not need secrets or create a database.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startServer } = await import("./instrumentation-node");
    await startServer();
  }
}
