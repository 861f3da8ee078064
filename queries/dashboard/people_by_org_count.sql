-- Returns active people by the number of member orgs (of the selected ones) they were
-- active with in the period; those with 2 or more are the bridge people of metrics.md.
-- Grain: one row per org count that occurs (1, 2, ...).
-- Parameters: $date_from, $date_to, $orgs, $campaign, $types.
with active as (
    select person_no, any_value(person_rkey) as person_rkey, count(distinct org_id) as org_count
    from scoped_acts($orgs, $campaign, $types)
    where act_date between $date_from and $date_to
    group by person_no
)

select
    org_count,
    count(*) as people,
    org_count >= 2 as is_bridge,
    cell_key(sum(person_rkey)) as people__ckey
from active
group by org_count
order by org_count;
