-- Returns rung movement: for each person active in the period or the prior period, their
-- ladder level in the prior period against the period ('none' when inactive).
-- Grain: one row per (from_level, to_level) pair that occurs.
-- Parameters: $date_from, $date_to, $prior_from,
-- $prior_to (the prior period), $orgs, $campaign, $types.
with current_levels as (
    select * from ladder_levels($orgs, $campaign, $types, $date_from, $date_to)
),

prior_levels as (
    select *
    from ladder_levels(
        $orgs, $campaign, $types,
        $prior_from, $prior_to
    )
)

select
    coalesce(prior_levels.level, 'none') as from_level,
    coalesce(current_levels.level, 'none') as to_level,
    count(*) as people,
    cell_key(sum(coalesce(current_levels.person_rkey, prior_levels.person_rkey))) as people__ckey
from current_levels
full outer join prior_levels using (person_no)
group by all
order by from_level, to_level;
