# story-qa, the Discord bot. Build: docker build -t story-qa .   Run: see docker-compose.yml and README "Run it in Docker".
# Node 20, as the project is tested on; hnswlib-node and better-sqlite3 build from source here.
FROM node:20-bookworm-slim AS dependencies
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    DATA_DIR=/data \
    INDEX_DIR=/data/index \
    CACHE_DIR=/data/cache
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY scripts ./scripts
COPY corpus ./corpus
# The index, the embedding cache and the database live in the volume, owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data /app/corpus
USER node
VOLUME ["/data"]
# The bot itself is PID 1 (no npm, no shell in between), so `docker stop`'s SIGTERM reaches it and
# answers in flight finish. The same command the signal tests start (test/packaging/docker.test.ts).
CMD ["node", "--import", "tsx", "scripts/bot.ts"]
