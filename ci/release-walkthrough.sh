#!/usr/bin/env bash
# The README's walkthrough "Release one module and deploy it with a manifest", automated, on a temporary
# clone of this repository (nothing here is changed or committed):
#
#   1. deploy every unit at its current (released) version to a file repository and keep that runner jar;
#   2. build a database from those releases: migrate --manifest naming every module at that version;
#   3. bump therapy-schema to the next minor version with a new V<n+1> (migration, undo, verify),
#      refresh its reviewed golden catalog, and run ./mvnw -pl therapy-schema -am verify;
#   4. deploy therapy-schema alone (-pl therapy-schema -am) to the same file repository;
#   5. migrate --manifest naming therapy at the new version and the other modules unchanged, with the runner of
#      step 1: exactly the new migration is applied; info --json shows the new release; history records both.
#
#   ci/release-walkthrough.sh [WORK_DIR]     (default: a new temporary directory, removed afterwards)
#
# Versions are read from the poms. When this clone has not cut its first release yet (versions are
# -SNAPSHOT), step 1 first cuts it in the temporary clone exactly as README "Cutting a release" says.
# Runs as an ordinary user (the embedded PostgreSQL refuses root).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KEEP=${1:-}
W=${KEEP:-$(mktemp -d "${TMPDIR:-/tmp}/schema-modules-walkthrough.XXXXXX")}
mkdir -p "$W"
[ -n "$KEEP" ] || trap 'rm -rf "$W"' EXIT
say() { printf '\n[walkthrough] %s\n' "$*"; }
fail() { echo "[walkthrough] FAILED: $*" >&2; exit 1; }
MVN=(./mvnw -B -ntp)
REPO="$W/maven-repository"
ALT="-DaltDeploymentRepository=walkthrough::file://$REPO"
UNITS=(. core therapy-schema telehealth-schema medication-schema chatbot-crm-schema messaging-schema runner runner/bom)

# a unit's own version: the first two-space-indented <version> of its pom (the <parent>'s is indented deeper)
version_of() { sed -n 's|^  <version>\(.*\)</version>|\1|p' "$1/pom.xml" | head -1; }
artifact_of() { sed -n 's|^  <artifactId>\(.*\)</artifactId>|\1|p' "$1/pom.xml" | head -1; }
jar_in_repo() { echo "$REPO/dev/schemamodules/$1/$2/$1-$2.jar"; }
pin() { # artifactId version -> one manifest entry
  local jar; jar=$(jar_in_repo "$1" "$2")
  [ -f "$jar" ] || fail "$jar was not deployed"
  printf '    {"artifact": "dev.schemamodules:%s:%s", "sha256": "%s"}' "$1" "$2" "$(sha256sum "$jar" | cut -d' ' -f1)"
}
manifest() { # file, then "artifactId version" pairs
  local file=$1; shift
  { printf '{\n  "repositories": [\n    {"id": "walkthrough", "url": "file://%s"}\n  ],\n  "modules": [\n' "$REPO"
    local first=1
    while [ $# -gt 0 ]; do
      [ $first = 1 ] || printf ',\n'
      pin "$1" "$2"; first=0; shift 2
    done
    printf '\n  ]\n}\n'; } > "$file"
}

say "temporary clone in $W/repo"
git clone -q "$ROOT" "$W/repo"
cd "$W/repo"

V=$(version_of therapy-schema)
if [[ $V == *-SNAPSHOT ]]; then
  RELEASE=${V%-SNAPSHOT}
  say "no release cut in this clone yet ($V): cutting $RELEASE of every unit first (README, \"Cutting a release\")"
  for u in "${UNITS[@]}"; do ci/set-version.sh "$u" "$RELEASE" >/dev/null; done
  "${MVN[@]}" -q package -DskipTests -Dlint.skip=true -Drelease.cut="$RELEASE"
fi
declare -A VERSION
MODULE_UNITS=(core therapy-schema telehealth-schema medication-schema chatbot-crm-schema messaging-schema)
for u in "${MODULE_UNITS[@]}"; do VERSION[$u]=$(version_of "$u"); done
OLD=${VERSION[therapy-schema]}
IFS=. read -r major minor _ <<< "$OLD"
NEW="$major.$((minor + 1)).0"
say "therapy-schema $OLD -> $NEW; the other modules stay at their versions"

say "1. deploy every unit to the file repository $REPO"
"${MVN[@]}" -q deploy -DskipTests -Dlint.skip=true "$ALT"
cp runner/target/schema-modules-runner.jar "$W/runner.jar"
RUN=(java -jar "$W/runner.jar")
DB=(--data-dir "$W/pgdata" --embedded-port 0 --cache "$W/cache")

say "2. a database built from the current releases (migrate --manifest, every module pinned)"
pairs=()
for u in "${MODULE_UNITS[@]}"; do pairs+=("$(artifact_of "$u")" "${VERSION[$u]}"); done
manifest "$W/deploy-$OLD.json" "${pairs[@]}"
cat "$W/deploy-$OLD.json"
"${RUN[@]}" migrate --manifest "$W/deploy-$OLD.json" "${DB[@]}" | tee "$W/migrate-1.log"

say "3. therapy-schema $NEW with a new migration, its undo and verify scripts"
ci/set-version.sh therapy-schema "$NEW"
d=therapy-schema/src/main/resources/db/therapy
last=$(ls "$d/migration" | sed -n 's/^V\([0-9]*\)__.*/\1/p' | sort -n | tail -1)
n=$((last + 1))
cat > "$d/migration/V${n}__add_users_preferred_language.sql" <<'SQL'
-- Adds users.preferred_language: nullable without a default, so PostgreSQL changes only the catalog (no rewrite).
-- The brief ACCESS EXCLUSIVE lock must not queue in front of traffic behind a long transaction.
SET LOCAL lock_timeout = '1s';
ALTER TABLE users ADD COLUMN preferred_language varchar(10);
COMMENT ON COLUMN users.preferred_language IS 'IETF language tag the client prefers, e.g. en or de-CH';
SQL
cat > "$d/undo/U${n}__add_users_preferred_language.sql" <<'SQL'
-- Reverts V__add_users_preferred_language.
ALTER TABLE users DROP COLUMN preferred_language;
SQL
sed -i "s/Reverts V__/Reverts V${n}__/" "$d/undo/U${n}__add_users_preferred_language.sql"
cat > "$d/verify/V${n}__add_users_preferred_language.sql" <<SQL
-- Asserts V${n} (add_users_preferred_language) is in effect: users.preferred_language exists with its type.
DO \$verify\$
BEGIN
    PERFORM pg_temp.verify_expect('therapy V${n}', 'columns missing or of another shape', ARRAY(
        SELECT 'users.preferred_language character varying(10)'
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('\${schema}') a
                            WHERE (a.tbl, a.col, a.typ, a.not_null) = ('users', 'preferred_language', 'character varying(10)', false)
                              AND a.def IS NULL)));
END
\$verify\$;
SQL
# the reviewed golden catalog changes with the new column: regenerate it, as a team would, and show the diff
"${MVN[@]}" -q -pl therapy-schema -am verify -Dtest=TherapyCatalogTest -Dsurefire.failIfNoSpecifiedTests=false -Dcatalog.update=true -Dlint.skip=true
git --no-pager diff --stat
"${MVN[@]}" -pl therapy-schema -am verify

say "4. deploy therapy-schema $NEW alone"
"${MVN[@]}" -q -pl therapy-schema -am deploy -DskipTests "$ALT"

say "5. migrate --manifest: therapy $NEW, the other modules unchanged, with the runner of step 1"
pairs=()
for u in "${MODULE_UNITS[@]}"; do
  v=${VERSION[$u]}; [ "$u" = therapy-schema ] && v=$NEW
  pairs+=("$(artifact_of "$u")" "$v")
done
manifest "$W/deploy-$NEW.json" "${pairs[@]}"
"${RUN[@]}" migrate --manifest "$W/deploy-$NEW.json" "${DB[@]}" | tee "$W/migrate-2.log"
grep -q "^1 migration(s) applied" "$W/migrate-2.log" || fail "expected exactly one migration applied"
grep -Eq "^  therapy +$NEW +$last -> $n, 1 migration\(s\)" "$W/migrate-2.log" || fail "expected therapy $last -> $n from release $NEW"
"${RUN[@]}" info --json --manifest "$W/deploy-$NEW.json" "${DB[@]}" > "$W/info.json"
therapy=$(awk '/"name" : "therapy"|"name": "therapy"/{p=1} p&&/"source"/{print; exit} p' "$W/info.json")
echo "$therapy" | grep -q "\"version\" *: *\"$NEW\"" || fail "info --json does not show therapy $NEW: $therapy"
echo "$therapy" | grep -q "\"installedVersion\" *: *\"$n\"" || fail "info --json does not show therapy installed at $n"
"${RUN[@]}" history "${DB[@]}" | tee "$W/history.log"
grep -Eq "therapy +$NEW" "$W/history.log" || fail "the deploy history does not record therapy $NEW"
say "passed: therapy $OLD -> $NEW applied exactly V$n to a database built from $OLD"
