#!/usr/bin/env bash
# While several engineers change schemas at once: drops the not-yet-landed migrations numbered >= FROM (default 3)
# and regenerates one from all schema files, under a lock. Never use it on a migration that has landed.
set -euo pipefail
cd "$(dirname "$0")/../.."
FROM=${FROM:-3}
exec 9>/tmp/gongzhi-migrations.lock
flock 9
python3 - "$FROM" <<'PY'
import json, os, sys
start = int(sys.argv[1])
j = 'db/migrations/meta/_journal.json'
d = json.load(open(j))
for e in d['entries']:
    if e['idx'] >= start:
        for f in (f"db/migrations/{e['tag']}.sql", f"db/migrations/meta/{e['idx']:04d}_snapshot.json"):
            if os.path.exists(f):
                os.remove(f)
d['entries'] = [e for e in d['entries'] if e['idx'] < start]
json.dump(d, open(j, 'w'), indent=2)
PY
npx drizzle-kit generate --name "${NAME:-structure}" 2>&1 | tail -2
