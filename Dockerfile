# syntax=docker/dockerfile:1
# Two stages: build with the dev dependencies, run with the production ones only.
ARG NODE_IMAGE=node:24-alpine

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY . .
RUN npm ci --ignore-scripts && npm run build

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT ?? 8080}/healthz`).then((res) => process.exit(res.ok ? 0 : 1), () => process.exit(1))"]
# dist/bundle/server.js: the server in one file, faster to start (scripts/bundle.js)
CMD ["node", "dist/bundle/server.js"]
