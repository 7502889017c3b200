#!/bin/sh
# The container's `bench-operator`: refuses to start without MONGODB_URI, since a container has no
# embedded database and one started inside it would lose the fleet with the container.
if [ -z "${MONGODB_URI:-}" ]; then
  echo "error (config_invalid): MONGODB_URI is required in the container (for example mongodb://db.example:27017/)" >&2
  exit 2
fi
exec node "${BENCH_OPERATOR_MAIN:-/app/dist/cli/main.js}" "$@"
