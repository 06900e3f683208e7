#!/usr/bin/env bash
# The layering rules of ARCHITECTURE.md, checked by grep: each rule prints the lines that
# break it and the script fails if any does. Run by scripts/test.sh before the tests.
set -uo pipefail
cd "$(dirname "$0")/.."

failed=0
# rule <message> <command…>: the command prints offending lines; any output is a failure.
rule() {
    local message="$1"; shift
    local out
    out="$("$@" 2>/dev/null)"
    if [ -n "$out" ]; then
        printf '%s\n' "$out" >&2
        printf 'architecture: %s (see ARCHITECTURE.md)\n\n' "$message" >&2
        failed=1
    fi
}

rule "pages and components read their data with Suspend, not resources" \
    grep -rn --include='*.rs' -E 'Resource::new|LocalResource|OnceResource' app/src/pages app/src/components

rule "only pages, components and api use server functions: services, dto and domain never import api" \
    grep -rn --include='*.rs' -E '(crate|app)::api\b' app/src/server app/src/dto app/src/domain

rule "domain is pure: no database, no Leptos, no server code" \
    grep -rn --include='*.rs' -E '\b(sea_orm|leptos|axum|sqlx|tokio)\b|crate::(server|api|dto|components|pages)\b' app/src/domain

rule "dto holds plain data: no database, no server code" \
    grep -rn --include='*.rs' -E '\b(sea_orm|axum|sqlx)\b|crate::(server|api|components|pages)\b' app/src/dto

# Each gate's own file only: not any file named access.rs.
only_outside() {
    local gate="$1"; shift
    "$@" | grep -v "^$gate:"
}

rule "confidential issues are read only through services/issues/access.rs (IssueAccess)" \
    only_outside app/src/server/services/issues/access.rs \
    grep -rnE --include='*.rs' '\b(issue|issue_action|issue_change)::Entity::find|(FROM|JOIN|from|join) "?issue(_action|_change)?\b' app/src server/src

rule "referral slips are read only through services/referrals/access.rs (ReferralAccess)" \
    only_outside app/src/server/services/referrals/access.rs \
    grep -rnE --include='*.rs' '\b(referral|referral_reply)::Entity::find|(FROM|JOIN|from|join) "?referral(_reply)?\b' app/src server/src

rule "links of slips to issues are read only in services/referrals/evidence.rs (both gates first)" \
    grep -rnE --include='*.rs' 'referral_issue_link( as |::)|(FROM|JOIN|from|join) "?referral_issue_link\b' app/src server/src --exclude=evidence.rs --exclude-dir=entities

rule "links of initiatives to issues, consultations and slips are read only in services/initiatives/{links,grouped}.rs" \
    only_outside app/src/server/services/initiatives/grouped.rs only_outside app/src/server/services/initiatives/links.rs \
    grep -rnE --include='*.rs' 'initiative_(issue|consultation|referral)( as |::)|(FROM|JOIN|from|join) "?initiative_(issue|consultation|referral)\b' app/src server/src --exclude-dir=entities

rule "the search index (it holds the text of confidential issues) is read only in services/search/mod.rs" \
    only_outside app/src/server/services/search/mod.rs \
    grep -rnE --include='*.rs' '\bsearch_doc::Entity::find|(FROM|JOIN|from|join) "?search_doc(_fts)?\b' app/src server/src

rule "attachments (those of confidential issues among them) are read only in services/attachments/, behind its one authorise; backup.rs lists their digests" \
    only_outside app/src/server/services/attachments/mod.rs only_outside server/src/backup.rs \
    grep -rnE --include='*.rs' '\battachment::Entity::find|(FROM|JOIN|from|join) "?attachment\b' app/src server/src

rule "who may read which register is read only in services/issues/grants.rs" \
    grep -rnE --include='*.rs' '\bissue_grant::Entity::find' app/src server/src --exclude=grants.rs

rule "migrations never import the app (entities change; migrations are frozen)" \
    grep -rn -E '\b(app|entities)::|^app\b' migration/src migration/Cargo.toml

exit "$failed"
