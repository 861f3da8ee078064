-- Returns the engagement ladder: active people counted once at their highest level in
-- the period (metrics.md). Every level is present, with 0 when nobody reached it.
-- Grain: one row per level, highest first. Parameters: $date_from, $date_to, $orgs,
-- $campaign, $types.
with levels as (
    select unnest(['leader', 'volunteer', 'participant', 'supporter']) as level,
        unnest([1, 2, 3, 4]) as rank
),

people as (
    select level, person_rkey from ladder_levels($orgs, $campaign, $types, $date_from, $date_to)
)

select
    levels.level,
    count(people.level) as people,
    cell_key(sum(people.person_rkey)) as people__ckey
from levels
left join people using (level)
group by levels.level, levels.rank
order by levels.rank;
