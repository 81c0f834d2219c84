# The edge app on Node, for self-hosting (compose.yaml) — the same code Workers run.
#   docker compose up -d            (builds this image as chopsticks-edge)
#   docker build -t chopsticks-edge .
# Runs TypeScript through tsx (a runtime dependency, as for `npm start`); no build step.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=8787 \
    CHOPSTICKS_DATA_DIR=/app/.data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY drizzle ./drizzle
COPY src ./src
COPY scripts ./scripts
# The image's own user (uid 1000), never root; it owns only its data directory.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 8787
# /health answers 200 whenever the process serves (degraded included); its JSON says which
# dependency is down. The slim image has no curl: Node's fetch, with a timeout.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "src/node.ts"]
