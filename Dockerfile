# syntax=docker/dockerfile:1
# Two stages: build with the dev dependencies, then keep the production ones only and copy them,
# built, into the runtime image. better-sqlite3 is a native addon: its install script fetches a
# prebuilt binary or compiles one. It runs here, in the build stage (the only install script that
# runs), on the same image as the runtime's (same libc, same Node ABI); without it the server
# cannot open its database.
ARG NODE_IMAGE=node:24-alpine

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# the compilers better-sqlite3 needs when no prebuilt binary fits (Debian's node images have them)
RUN if command -v apk > /dev/null; then apk add --no-cache python3 make g++; fi
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY . .
RUN npm run build && npm prune --omit=dev && npm cache clean --force
# V8's compiled code for the bundle, made once here: each container's first start skips compiling it (scripts/warm-compile-cache.js)
RUN node scripts/warm-compile-cache.js /app/.compile-cache

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 NODE_COMPILE_CACHE=/app/.compile-cache
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/.compile-cache ./.compile-cache
# DATABASE_URL's default, data/runconfig.db: a folder the node user may write (mount a volume on it to keep the state)
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT ?? 8080}/healthz`).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]
# dist/bundle/server.js: the server in one file, faster to start (scripts/bundle.js)
CMD ["node", "dist/bundle/server.js"]
