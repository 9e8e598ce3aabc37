# Image for the API and worker services in docker-compose.yml.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
# `npm ci` compiles the CLI to dist/ (the `prepare` script: tsc, a dev dependency), then the dev
# dependencies are dropped. Meilisearch runs as its own service here, so the embedded binary
# (optional dependency) is skipped.
RUN npm ci --omit=optional --no-audit --no-fund && npm prune --omit=dev --omit=optional --no-audit --no-fund
ENV NODE_ENV=production DATA_DIR=/data
VOLUME ["/data"]
ENTRYPOINT ["node", "bin/lgsco.js"]
