# bench-operator `serve` in a container: the scheduled jobs plus the MCP server over Streamable HTTP.
#
#   docker build -t bench-operator .
#   docker run -e MONGODB_URI=mongodb://db.example:27017/ -e OPENAI_API_KEY=... \
#     -p 8765:8765 bench-operator serve --host 0.0.0.0 --allowed-host bench.example.com:8765
#
# The container has no embedded database: MONGODB_URI is required (the entrypoint refuses to start
# without it). Tokens are created with the same image: `docker run ... bench-operator tokens create ...`.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the prepare script (the TypeScript build) needs the sources, copied below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json LICENSE README.md ./
COPY policy ./policy
COPY docker/entrypoint.sh /usr/local/bin/bench-operator
# The image's own unprivileged user; nothing in /app is writable by it.
USER node
EXPOSE 8765
# `health` exits 0 when the database answers and the providers are judged; 1 otherwise.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["bench-operator", "health"]
ENTRYPOINT ["bench-operator"]
CMD ["serve", "--host", "0.0.0.0"]
