#!/usr/bin/env bash
# Sets the version of one released unit, and every place that pins it, in one go:
#   ci/set-version.sh DIR VERSION
#     DIR: core | therapy-schema | telehealth-schema | medication-schema | chatbot-crm-schema | messaging-schema
#          | runner | runner/bom | . (the parent pom)
# Edits: DIR's own <version>; for a module, core or the runner its line in the BOM (runner/bom/pom.xml);
# for core also the parent's schema-modules-core.version; for the BOM the runner's schema-modules-bom.version;
# for the parent every child's <parent> version. Nothing else changes. See README, "Releasing a module".
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 2 ] || { echo "usage: ci/set-version.sh DIR VERSION (e.g. ci/set-version.sh therapy-schema 1.1.0-SNAPSHOT)" >&2; exit 2; }
dir=${1%/} version=$2
[[ $version =~ ^[0-9]+(\.[0-9]+)*(-[A-Za-z0-9.]+)?$ ]] || { echo "set-version: '$version' is not a version such as 1.1.0 or 1.1.0-SNAPSHOT" >&2; exit 2; }
[ -f "$dir/pom.xml" ] || { echo "set-version: no $dir/pom.xml" >&2; exit 2; }

artifact=$(sed -n 's|^  <artifactId>\(.*\)</artifactId>|\1|p' "$dir/pom.xml" | head -1)
[ -n "$artifact" ] || { echo "set-version: no top-level <artifactId> in $dir/pom.xml" >&2; exit 1; }

# the project's own <version>: the first two-space-indented <version> (not the <parent>'s, which is indented deeper)
own_version() { perl -0pi -e 's|(\n  <version>)[^<]*(</version>)|${1}'"$1"'${2}|' "$2"; }
set_property() { # property value file: fails if the property is not there
  grep -q "<$1>" "$3" || { echo "set-version: no <$1> in $3" >&2; exit 1; }
  perl -pi -e 's|<'"$1"'>[^<]*</'"$1"'>|<'"$1"'>'"$2"'</'"$1"'>|' "$3"
}

own_version "$version" "$dir/pom.xml"
case "$dir" in
  runner/bom)
    set_property schema-modules-bom.version "$version" runner/pom.xml ;;
  .)
    for child in core therapy-schema telehealth-schema medication-schema chatbot-crm-schema messaging-schema runner; do
      perl -0pi -e 's|(<artifactId>schema-modules-parent</artifactId>\s*<version>)[^<]*(</version>)|${1}'"$version"'${2}|' "$child/pom.xml"
    done ;;
  *)
    set_property "$artifact.version" "$version" runner/bom/pom.xml
    if [ "$dir" = core ]; then set_property schema-modules-core.version "$version" pom.xml; fi ;;
esac
echo "$artifact ($dir) is now $version"
git --no-pager diff --stat 2>/dev/null || true
