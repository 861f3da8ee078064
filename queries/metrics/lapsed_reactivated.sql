-- Returns lapsed people (active in the prior period, not in the period) and reactivated
-- people (active in the period, not in the prior period, with an act before the prior
-- period), metrics.md Retention. Grain: one row.
-- Parameters: $date_from, $date_to, $prior_from,
-- $prior_to (the prior period), $orgs, $campaign, $types.
with scoped as (
    select person_no, person_rkey, act_date
    from scoped_acts($orgs, $campaign, $types)
    where act_date <= $date_to
),

windows as (
    select
        person_no,
        any_value(person_rkey) as person_rkey,
        bool_or(act_date between $date_from and $date_to) as in_period,
        bool_or(act_date between $prior_from and $prior_to)
            as in_prior,
        bool_or(act_date < $prior_from) as before_prior
    from scoped
    group by person_no
)

select
    count(*) filter (where in_prior and not in_period) as lapsed,
    count(*) filter (where in_period and not in_prior and before_prior) as reactivated,
    cell_key(sum(person_rkey) filter (where in_prior and not in_period)) as lapsed__ckey,
    cell_key(sum(person_rkey) filter (where in_period and not in_prior and before_prior))
        as reactivated__ckey
from windows;
