-- Returns the coalition network's org pairs (metrics.md, Coalition network): for each
-- pair of selected orgs a < b, shared people, co-hosted events, cross-attendance each
-- way (by home org) and reciprocity; only pairs with any count above 0.
-- Grain: one row per org pair. Parameters: $date_from, $date_to, $orgs, $campaign, $types.
with orgs as (
    select org_id, org_no from selected_orgs($orgs)
),

org_people as (
    -- Each person once per org they acted at in the period, and whether they attended
    -- there: everything below counts these rows, never the acts themselves. By org_no
    -- (numbered in org_id order), since two integers hash far faster than a name.
    select
        org_no, person_no, any_value(person_rkey) as person_rkey,
        bool_or(kind = 'attend') as attended
    from scoped_acts($orgs, $campaign, $types)
    where act_date between $date_from and $date_to
    group by org_no, person_no
),

shared as (
    select
        a.org_id as org_a, b.org_id as org_b, numbered.shared_people,
        numbered.shared_people__ckey
    from (
        select
            a.org_no as no_a,
            b.org_no as no_b,
            count(*) as shared_people,
            cell_key(sum(a.person_rkey)) as shared_people__ckey
        from org_people as a
        inner join org_people as b on a.person_no = b.person_no and a.org_no < b.org_no
        group by all
    ) as numbered
    inner join organizations as a on a.org_no = numbered.no_a
    inner join organizations as b on b.org_no = numbered.no_b
),

co_hosting as (
    select distinct events.org_id, events.event_id, unnest(events.co_hosts) as co_host
    from scoped_events($orgs, $campaign, $types) as events
    where events.event_date between $date_from and $date_to
),

co_hosted as (
    select
        least(org_id, co_host) as org_a,
        greatest(org_id, co_host) as org_b,
        count(distinct (org_id, event_id)) as co_hosted_events
    from co_hosting
    where co_host <> org_id and co_host in (select org_id from orgs)
    group by all
),

crossing as (
    select home.org_id as home_org, host.org_id as host_org, numbered.people, numbered.ckey
    from (
        select
            home_orgs.org_no as home_no,
            org_people.org_no as host_no,
            count(*) as people,
            cell_key(sum(org_people.person_rkey)) as ckey
        from org_people
        inner join home_orgs using (person_no)
        where org_people.attended
            and home_orgs.org_no <> org_people.org_no
            and home_orgs.org_no in (select org_no from orgs)
        group by all
    ) as numbered
    inner join organizations as home on home.org_no = numbered.home_no
    inner join organizations as host on host.org_no = numbered.host_no
),

pairs as (
    select org_a, org_b from shared
    union
    select org_a, org_b from co_hosted
    union
    select least(home_org, host_org), greatest(home_org, host_org) from crossing
),

final as (
    select
        pairs.org_a,
        pairs.org_b,
        coalesce(shared.shared_people, 0) as shared_people,
        coalesce(co_hosted.co_hosted_events, 0) as co_hosted_events,
        coalesce(a_to_b.people, 0) as a_to_b,
        coalesce(b_to_a.people, 0) as b_to_a,
        coalesce(shared.shared_people__ckey, 0) as shared_people__ckey,
        coalesce(a_to_b.ckey, 0) as a_to_b__ckey,
        coalesce(b_to_a.ckey, 0) as b_to_a__ckey
    from pairs
    left join shared using (org_a, org_b)
    left join co_hosted using (org_a, org_b)
    left join crossing as a_to_b
        on a_to_b.home_org = pairs.org_a and a_to_b.host_org = pairs.org_b
    left join crossing as b_to_a
        on b_to_a.home_org = pairs.org_b and b_to_a.host_org = pairs.org_a
)

select
    *,
    least(a_to_b, b_to_a) / nullif(greatest(a_to_b, b_to_a), 0) as reciprocity,
    shared_people >= 1 or co_hosted_events >= 1 as is_link
from final
where shared_people + co_hosted_events + a_to_b + b_to_a > 0
order by org_a, org_b;
