-- One pseudonymous key per distinct identity: HMAC-SHA256(coalition key, identity) in
-- hex, computed from the key's inner and outer pads, so each identity is hashed once.
-- Parameters: $inner_pad, $outer_pad (BLOB, 64 bytes each).
create temp table person_keys as
with identities as (
    select identity from stage_people where reject_reason is null
    union
    select identity from stage_attendance where reject_reason is null
    union
    select identity from stage_shifts where reject_reason is null
    union
    select identity from stage_actions where reject_reason is null
)

select
    identity,
    sha256($outer_pad || unhex(sha256($inner_pad || encode(identity)))) as person_key
from identities;
