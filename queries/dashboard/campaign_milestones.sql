-- Returns the campaigns listed for the period (metrics.md, Campaigns: the same org and
-- campaign restrictions as the list) with their milestones, for the campaign timeline:
-- each campaign's status, lead org, span (an open start drawn from the period's start, an
-- open end to the period's end), outcome, and each milestone with whether it was achieved.
-- Grain: one row per milestone of a listed campaign; a listed campaign without milestones
-- has one row with empty milestone columns.
-- Parameters: $date_from, $date_to, $orgs, $campaign.
with listed as (
    select
        campaign_id,
        name,
        status,
        lead_org,
        start_date,
        end_date,
        outcome_date,
        outcome_note
    from listed_campaigns($orgs, $campaign, $date_from, $date_to)
)

select
    listed.campaign_id,
    listed.name,
    listed.status,
    listed.lead_org,
    organizations.name as lead_org_name,
    listed.start_date,
    listed.end_date,
    coalesce(listed.start_date, $date_from::date) as shown_start,
    coalesce(listed.end_date, $date_to::date) as shown_end,
    listed.outcome_date,
    listed.outcome_note,
    milestones.milestone_date,
    milestones.title as milestone_title,
    milestones.achieved as is_achieved
from listed
left join milestones using (campaign_id)
left join organizations on organizations.org_id = listed.lead_org
order by listed.campaign_id, milestones.milestone_date nulls first, milestones.title;
